import { sha256Hex } from '../../crypto/index.js';
import * as z from 'zod';
import { DouyinPushError } from '../../common/errors.js';
import { SPI_SYSTEM_ERROR_CODE, checkSpiData, type SpiData } from '../reply.js';

/**
 * One SPI callback scenario (回调场景). Douyin calls one URL per scenario and the body does
 * not say which one it is (docs/protocol.md#spi-routing), so each receiver is built for exactly one.
 *
 * @example
 * ```ts
 * const scenario: SpiScenario<'merchant.member.join', { open_id: string }, void> = defineSpiScenario({
 *   name: 'merchant.member.join',
 *   schema: z.looseObject({ open_id: z.string() }),
 * });
 * ```
 */
export interface SpiScenario<Name extends string = string, Request = unknown, Reply = unknown> {
  readonly name: Name;
  /** Validates the parsed body; loose, so fields Douyin adds later pass through. */
  readonly schema: z.ZodType<Request>;
  /** Turns the handler's typed reply into the envelope's `data`. */
  readonly toData: (reply: Reply) => SpiData;
  /** Douyin's time budget for this SPI in ms, when documented. */
  readonly budgetMs: number | undefined;
  /** Default handler time limit: a little under the budget. */
  readonly timeoutMs: number;
  /** What to answer when the handler overruns `timeoutMs` (see SPI.md for each choice). */
  readonly onTimeout: Reply | 'system-error';
  /** `error_code` for "could not decide" (handler threw, store down, overrun). */
  readonly systemErrorCode: number;
  /** Identity of a request for idempotent replay; `undefined` = this scenario is not replayed by default. */
  readonly identity: ((request: Request, rawBody: Uint8Array) => string) | undefined;
}

/** Any scenario, for generic code. */
// `any`: a handler of any scenario must fit here, and reply types are checked where a scenario is picked.
export type AnySpiScenario = SpiScenario<string, any, any>;

/** The typed request body of a scenario. */
export type SpiRequestOf<S extends AnySpiScenario> = S extends SpiScenario<string, infer R, any> ? R : never;
/** The typed reply of a scenario. */
export type SpiReplyOf<S extends AnySpiScenario> = S extends SpiScenario<string, any, infer R> ? R : never;

/**
 * Defines a scenario the library does not ship (入会 `merchant.member.join`, 退会
 * `merchant.member.leave`, catering or hotel SPIs): give its name and a body schema. By
 * default the handler returns nothing (answered `{"error_code":0,"description":"success"}`)
 * or a {@link spiRawReply}; pass `toData` for a typed reply.
 *
 * @example
 * ```ts
 * const memberJoin = defineSpiScenario({
 *   name: 'merchant.member.join',
 *   schema: z.looseObject({ open_id: z.string(), account_id: z.string() }),
 *   budgetMs: undefined,
 * });
 * const spi = createDouyinSpi({ clientSecret, scenario: memberJoin, handler: async (body) => { await save(body.open_id); } });
 * ```
 */
export function defineSpiScenario<Name extends string, Request, Reply = void>(definition: {
  name: Name;
  schema: z.ZodType<Request>;
  toData?: (reply: Reply) => SpiData;
  budgetMs?: number | undefined;
  timeoutMs?: number;
  onTimeout?: Reply | 'system-error';
  systemErrorCode?: number;
  identity?: (request: Request, rawBody: Uint8Array) => string;
}): SpiScenario<Name, Request, Reply> {
  const systemErrorCode = definition.systemErrorCode ?? SPI_SYSTEM_ERROR_CODE;
  return {
    name: definition.name,
    schema: definition.schema,
    toData: definition.toData ?? ((reply: Reply) => successOrRaw(reply, definition.name)),
    budgetMs: definition.budgetMs,
    timeoutMs: definition.timeoutMs ?? defaultTimeout(definition.budgetMs),
    onTimeout: definition.onTimeout ?? 'system-error',
    systemErrorCode,
    identity: definition.identity,
  };
}

/** A little under the budget so the reply still arrives in time; 4.5 s when Douyin documents none. */
export function defaultTimeout(budgetMs: number | undefined): number {
  return budgetMs === undefined ? 4500 : Math.max(budgetMs - 1000, Math.floor(budgetMs * 0.8));
}

/** `data` of a plain success, with extra fields (never overriding the code). */
export function success(extra?: Record<string, unknown>): SpiData {
  return { ...extra, error_code: 0, description: 'success' };
}

function successOrRaw(reply: unknown, scenario: string): SpiData {
  if (reply === undefined || reply === null) return success();
  return checkSpiData(reply, scenario);
}

/** A handler returned something the scenario cannot answer with. */
export function invalidReply(scenario: string, expected: string, got: unknown): DouyinPushError {
  return new DouyinPushError('INVALID_REPLY', 500, `SPI ${scenario}: the handler returned ${describe(got)}; return ${expected}.`);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value)?.slice(0, 120) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Douyin ids are JSON strings in every sample; accept a number too and keep it as a string. */
export const idString = z.union([z.string(), z.number().transform((n) => String(n))]);

/** Short stable fingerprint of the raw body, for identities without a documented id field. */
export function bodyFingerprint(rawBody: Uint8Array): string {
  return sha256Hex(rawBody).slice(0, 32);
}
