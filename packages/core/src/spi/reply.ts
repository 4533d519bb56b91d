import { DouyinPushError } from '../common/errors.js';

/**
 * The `data` object of an SPI reply (protocol §7.4): `error_code` is always a JSON number
 * (Douyin's tooling mis-reads `"0"`), 0 = success; business fields sit beside it.
 *
 * @example
 * ```ts
 * const data: SpiData = { error_code: 0, description: 'success', result: 1 };
 * ```
 */
export interface SpiData {
  error_code: number;
  description: string;
  [field: string]: unknown;
}

/**
 * The `error_code` this library sends when it could not get a decision from your handler
 * (it threw, overran its time budget, or the idempotency store was down) on SPIs that Douyin
 * retries on any non-zero code (发券, 退款申请, notifications). 100 means "please retry" on the
 * one SPI page that names such a code (protocol §7.5, [S22]); any non-zero value triggers the
 * retry. Override per receiver with `systemErrorCode`.
 *
 * @example
 * ```ts
 * createDouyinSpi({ scenario: 'fulfilment.order.tripartite_code', systemErrorCode: 999, clientSecret, handler });
 * ```
 */
export const SPI_SYSTEM_ERROR_CODE = 100;

/**
 * `error_code` of the official error example `{"data":{"description":"参数不合法","error_code":2100005}}`
 * (protocol §7.4); sent with HTTP 400 when a correctly signed body is not JSON or does not
 * match the scenario's schema.
 *
 * @example
 * ```ts
 * if (reply.status === 400) JSON.parse(reply.body).data.error_code === SPI_INVALID_PARAMS_CODE; // true
 * ```
 */
export const SPI_INVALID_PARAMS_CODE = 2_100_005;

const RAW = Symbol.for('@douyin-push/core/spi/raw-reply');

/** A reply whose `data` is sent as given (see {@link spiRawReply}). */
export interface SpiRawReply {
  readonly [RAW]: true;
  readonly data: SpiData;
}

/**
 * Escape hatch: answer with exactly this `data` object, for fields or codes the typed replies
 * do not cover (any scenario's handler may return it). A non-zero `error_code` is not stored
 * for idempotent replay, so Douyin's retry runs the handler again.
 *
 * @example
 * ```ts
 * handler: () => spiRawReply({ error_code: 0, description: 'success', result: 1, voucher: { entrance: 'QR' } }),
 * ```
 */
export function spiRawReply(data: SpiData): SpiRawReply {
  return { [RAW]: true, data };
}

/** Whether a handler's return value is a {@link spiRawReply}. */
export function isSpiRawReply(value: unknown): value is SpiRawReply {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[RAW] === true;
}

/** Checks `data` before it is sent, so a wrong type becomes a system error, never a malformed reply. */
export function checkSpiData(data: unknown, scenario: string): SpiData {
  const record = data as Partial<SpiData> | null;
  if (
    typeof record !== 'object' ||
    record === null ||
    typeof record.error_code !== 'number' ||
    !Number.isInteger(record.error_code) ||
    record.error_code < 0 ||
    typeof record.description !== 'string'
  ) {
    throw new DouyinPushError(
      'INVALID_REPLY',
      500,
      `SPI ${scenario}: the reply data needs a non-negative integer \`error_code\` (a number, not a string) and a string \`description\`.`,
    );
  }
  return record as SpiData;
}

/** The JSON body Douyin reads: `{"data":{...}}`. */
export function envelopeBody(data: SpiData): string {
  return JSON.stringify({ data });
}
