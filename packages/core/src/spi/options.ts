import type { DedupeStore } from '../common/dedupe/types.js';
import { memoryDedupe } from '../common/dedupe/memory.js';
import { configError } from '../common/errors.js';
import { positiveInt } from '../common/options.js';
import type { AdapterName, HeadersInput } from '../common/receiver.js';
import type { DouyinErrorHandler } from '../common/report.js';
import { secretResolver, type ClientSecret, type SecretResolver } from '../common/secrets.js';
import { checkSpiData, isSpiRawReply, type SpiData, type SpiRawReply } from './reply.js';
import { memorySpiReplies, type SpiReplyStore } from './reply-store.js';
import type { AnySpiScenario, SpiReplyOf, SpiRequestOf } from './scenarios/define.js';
import { spiScenarios, type SpiScenarioName } from './scenarios/index.js';

/**
 * What a handler gets beside the typed body.
 *
 * @example
 * ```ts
 * handler: async (order, { clientKey, logId, signal }) => {
 *   logger.info({ clientKey, logId }, 'issue');
 *   return { result: 'issued', certificates: await issue(order, { signal }) };
 * }
 * ```
 */
export interface SpiContext {
  /** The scenario's name, e.g. `fulfilment.order.tripartite_code`. */
  readonly scenario: string;
  /** The client_key whose secret verified the request: the query `client_key` or the `x-life-clientkey` header. */
  readonly clientKey: string;
  /** Decoded query parameters (`client_key`, `timestamp`, `sign`, ...). */
  readonly query: URLSearchParams;
  readonly headers: HeadersInput;
  /** The body bytes exactly as signed. */
  readonly rawBody: Uint8Array;
  /** `X-Bytedance-Logid`, for Douyin support. */
  readonly logId: string | undefined;
  /** Which signature verified the request. */
  readonly signature: 'x-life-sign' | 'legacy';
  /** Aborted when the reply was sent without waiting for this handler (it overran `timeoutMs`). */
  readonly signal: AbortSignal;
  readonly adapter: AdapterName | undefined;
}

/**
 * The handler of one scenario: typed body in, typed reply (or {@link spiRawReply}) out.
 *
 * @example
 * ```ts
 * const handler: SpiHandler<typeof preCreateOrder> = async (order) => ({ result: 'allow' });
 * ```
 */
export type SpiHandler<S extends AnySpiScenario> = (
  request: SpiRequestOf<S>,
  context: SpiContext,
) => SpiReplyOf<S> | SpiRawReply | Promise<SpiReplyOf<S> | SpiRawReply>;

/**
 * Idempotent replay: a retry of a request with the same identity gets the first reply's body
 * and the handler does not run again. On by default (in memory) for 发券 and 退款申请.
 *
 * @example
 * ```ts
 * const idempotency: SpiIdempotencyOptions<typeof issueCode> = { dedupe: redisDedupe({ client }), replies: redisSpiReplies({ client }) };
 * ```
 */
export interface SpiIdempotencyOptions<S extends AnySpiScenario> {
  /** Who is running the handler right now (the claim). Default `memoryDedupe()`. */
  dedupe?: DedupeStore;
  /** Finished replies. Default `memorySpiReplies()`. */
  replies?: SpiReplyStore;
  /** How long a reply is replayed. Default 24 h. */
  ttlMs?: number;
  /** Identity of a request; default: the scenario's (order_id for 发券). Return `undefined` to skip replay for one request. */
  key?: (request: SpiRequestOf<S>, context: SpiContext) => string | undefined;
}

/**
 * Options of `createDouyinSpi` besides `scenario`.
 *
 * @example
 * ```ts
 * const options: DouyinSpiOptions<typeof issueCode> = { clientSecret, handler: async (order) => ({ result: 'issued', certificates: [] }) };
 * ```
 */
export interface DouyinSpiOptions<S extends AnySpiScenario> {
  /** client_secret: a string, several (rotation, any may match), or a function of client_key. */
  clientSecret: ClientSecret | undefined;
  handler: SpiHandler<S>;
  /** Also accept the legacy query `sign` (md5) when the `x-life-sign` header is absent. Default false. */
  legacySign?: boolean;
  /** Idempotent replay; `false` turns it off. */
  idempotency?: false | SpiIdempotencyOptions<S>;
  /** Handler time limit in ms, from the request's arrival; default a little under Douyin's budget (see docs). */
  timeoutMs?: number;
  /** Answer when the handler overruns; default per scenario (see SPI.md). */
  onTimeout?: SpiReplyOf<S> | 'system-error';
  /** `error_code` for "could not decide"; default per scenario (20 pre-create, 100 otherwise). */
  systemErrorCode?: number;
  /** Largest body accepted (413 above). Default 1 MiB. */
  maxBodyBytes?: number;
  /** Longest a Node adapter waits for the body to arrive (408 after). Default 10 000 ms. */
  bodyTimeoutMs?: number;
  /** An error listener from the start (the same as calling `onError` right away). */
  onError?: DouyinErrorHandler;
}

/**
 * A scenario by name or object.
 *
 * @example
 * ```ts
 * const input: SpiScenarioInput = 'fulfilment.order.tripartite_code';
 * ```
 */
export type SpiScenarioInput = SpiScenarioName | AnySpiScenario;

/**
 * Options when the scenario is only known at run time.
 *
 * @example
 * ```ts
 * const options: DynamicSpiOptions = { scenario: name as SpiScenarioName, clientSecret, handler: () => spiRawReply({ error_code: 0, description: 'success' }) };
 * ```
 */
export type DynamicSpiOptions = Omit<DouyinSpiOptions<AnySpiScenario>, 'handler' | 'onTimeout' | 'idempotency'> & {
  scenario: SpiScenarioInput;
  handler: (request: unknown, context: SpiContext) => SpiRawReply | Promise<SpiRawReply>;
  onTimeout?: SpiRawReply | 'system-error';
  idempotency?:
    false | (Omit<SpiIdempotencyOptions<AnySpiScenario>, 'key'> & { key?: (request: unknown, context: SpiContext) => string | undefined });
};

/**
 * Options of a shipped scenario, picked by name or object. One overload per scenario (not a
 * generic) so a handler's literal replies such as `{ result: 'allow' }` keep their literal type.
 *
 * @example
 * ```ts
 * const options: NamedSpiOptions<'fulfilment.order.refund_apply'> = { scenario: 'fulfilment.order.refund_apply', clientSecret, handler: () => ({ result: 'pending' }) };
 * ```
 */
export type NamedSpiOptions<N extends SpiScenarioName> = DouyinSpiOptions<(typeof spiScenarios)[N]> & {
  scenario: N | (typeof spiScenarios)[N];
};

/** An SPI receiver's checked configuration. */
export interface SpiConfig {
  scenario: AnySpiScenario;
  handler: SpiHandler<AnySpiScenario>;
  secrets: SecretResolver;
  legacySign: boolean;
  maxBodyBytes: number;
  bodyTimeoutMs: number;
  timeoutMs: number;
  systemError: SpiData;
  timeoutData: SpiData;
  idempotency: SpiIdempotency | undefined;
}

/** Replay settings with their defaults filled in. */
export interface SpiIdempotency {
  dedupe: DedupeStore;
  replies: SpiReplyStore;
  ttlMs: number;
  key: (request: unknown, context: SpiContext) => string | undefined;
}

/**
 * Checks `createDouyinSpi`'s options once, at construction, so a wrong option fails at startup
 * rather than on the first request.
 *
 * @example
 * ```ts
 * const config = resolveSpiOptions({ scenario: 'order.status_query', clientSecret, handler });
 * ```
 */
export function resolveSpiOptions(options: DouyinSpiOptions<AnySpiScenario> & { scenario: SpiScenarioInput }): SpiConfig {
  const scenario = resolveScenario(options.scenario);
  const owner = `createDouyinSpi(${scenario.name})`;
  if (typeof options.handler !== 'function') throw configError(`${owner} needs a \`handler\` function.`);
  const systemErrorCode = positiveInt(owner, 'systemErrorCode', options.systemErrorCode, scenario.systemErrorCode);
  const systemError: SpiData = { error_code: systemErrorCode, description: 'system error' };
  const timeoutChoice = options.onTimeout ?? scenario.onTimeout;
  return {
    scenario,
    handler: options.handler,
    secrets: secretResolver(options.clientSecret, owner),
    legacySign: options.legacySign ?? false,
    maxBodyBytes: positiveInt(owner, 'maxBodyBytes', options.maxBodyBytes, 1024 * 1024),
    bodyTimeoutMs: positiveInt(owner, 'bodyTimeoutMs', options.bodyTimeoutMs, 10_000),
    timeoutMs: positiveInt(owner, 'timeoutMs', options.timeoutMs, scenario.timeoutMs),
    systemError,
    timeoutData: timeoutChoice === 'system-error' ? systemError : toConfigData(scenario, timeoutChoice, owner),
    idempotency: idempotencyConfig(options.idempotency, scenario, owner),
  };
}

function resolveScenario(input: SpiScenarioInput): AnySpiScenario {
  if (typeof input === 'string') {
    if (Object.hasOwn(spiScenarios, input)) return (spiScenarios as Record<string, AnySpiScenario>)[input]!;
    throw configError(
      `unknown SPI scenario "${input}". Use one of ${Object.keys(spiScenarios).join(', ')}, or defineSpiScenario() for another.`,
    );
  }
  if (typeof input !== 'object' || input === null || typeof input.name !== 'string' || typeof input.toData !== 'function') {
    throw configError('createDouyinSpi needs `scenario`: a scenario name or a defineSpiScenario() object.');
  }
  return input;
}

function idempotencyConfig(
  option: false | SpiIdempotencyOptions<AnySpiScenario> | undefined,
  scenario: AnySpiScenario,
  owner: string,
): SpiIdempotency | undefined {
  if (option === false) return undefined;
  const identity = scenario.identity;
  const key = option?.key ?? (identity ? (request: unknown, context: SpiContext) => identity(request, context.rawBody) : undefined);
  // Scenarios without an identity (pre-create, notices, queries) replay nothing unless given a key.
  if (!key) return undefined;
  return {
    dedupe: option?.dedupe ?? memoryDedupe(),
    replies: option?.replies ?? memorySpiReplies(),
    ttlMs: positiveInt(owner, 'idempotency.ttlMs', option?.ttlMs, 24 * 3600_000),
    key,
  };
}

// Converted now so a wrong `onTimeout` fails at startup, not on the first slow request.
function toConfigData(scenario: AnySpiScenario, reply: unknown, owner: string): SpiData {
  try {
    return checkSpiData(isSpiRawReply(reply) ? reply.data : scenario.toData(reply), scenario.name);
  } catch (error) {
    throw configError(
      `${owner}: \`onTimeout\`: ${error instanceof Error ? error.message.replace(/^@douyin-push\/[a-z-]+: /, '') : String(error)}`,
    );
  }
}
