import { bodyTooLarge } from '../shared/body.js';
import { bytesToText, toBytes } from '../shared/bytes.js';
import { memoryDedupe } from '../shared/dedupe/memory.js';
import type { DedupeStore } from '../shared/dedupe/types.js';
import { DouyinPushError, configError } from '../shared/errors.js';
import { readHeader } from '../shared/headers.js';
import type { AdapterName, DouyinReceiver, DouyinReply, DouyinRequest, HeadersInput } from '../shared/receiver.js';
import { secretResolver, type ClientSecret } from '../shared/secrets.js';
import { createWebHandler } from '../shared/web.js';
import {
  SPI_INVALID_PARAMS_CODE,
  checkSpiData,
  envelopeBody,
  isSpiRawReply,
  type SpiData,
  type SpiRawReply,
} from './reply.js';
import { claimOrReplay, settleClaim } from './idempotency.js';
import { memorySpiReplies, type SpiReplyStore } from './reply-store.js';
import type { AnySpiScenario, SpiReplyOf, SpiRequestOf } from './scenarios/define.js';
import {
  issueCode,
  memberInfoUpdate,
  orderStatusQuery,
  preCreateOrder,
  refundApply,
  refundNotice,
  spiScenarios,
  type SpiScenarioName,
} from './scenarios/index.js';
import { verifySpiSignature } from './sign.js';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;
const DEFAULT_MAX_BODY = 1024 * 1024;
const DEFAULT_REPLAY_TTL = 24 * 3600_000;

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

/** The handler of one scenario: typed body in, typed reply (or {@link spiRawReply}) out. */
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

/** Options of {@link createDouyinSpi} besides `scenario`. */
export interface DouyinSpiOptions<S extends AnySpiScenario> {
  /** client_secret: a string, several (rotation, any may match), or a function of client_key. */
  clientSecret: ClientSecret;
  handler: SpiHandler<S>;
  /** Also accept the legacy query `sign` (md5) when the `x-life-sign` header is absent. Default false. */
  legacySign?: boolean;
  /** Idempotent replay; `false` turns it off. */
  idempotency?: false | SpiIdempotencyOptions<S>;
  /** Handler time limit in ms; default a little under Douyin's budget (4 s pre-create, 7 s issue/refund, 4.5 s otherwise). */
  timeoutMs?: number;
  /** Answer when the handler overruns; default per scenario (see SPI.md). */
  onTimeout?: SpiReplyOf<S> | 'system-error';
  /** `error_code` for "could not decide"; default per scenario (20 pre-create, 100 otherwise). */
  systemErrorCode?: number;
  /** Largest body accepted (413 above). Default 1 MiB. */
  maxBodyBytes?: number;
  /** Told about every refused request, handler failure, overrun and store error. Default: `console.error` for 5xx-class problems. */
  onError?: (error: DouyinPushError, info: { scenario: string; clientKey: string | undefined }) => void;
}

/** A scenario by name or object. */
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
  idempotency?: false | Omit<SpiIdempotencyOptions<AnySpiScenario>, 'key'> & { key?: (request: unknown, context: SpiContext) => string | undefined };
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

/**
 * An SPI receiver: a `DouyinReceiver` every adapter mounts like the push receiver.
 *
 * @example
 * ```ts
 * const spi: DouyinSpi<typeof issueCode> = createDouyinSpi({ scenario: issueCode, clientSecret, handler });
 * app.post('/douyin/spi/issue', douyinWebhook(spi));
 * ```
 */
export interface DouyinSpi<S extends AnySpiScenario = AnySpiScenario> extends DouyinReceiver {
  readonly scenario: S;
}

/**
 * Creates the receiver of one SPI scenario (Douyin calls one URL per scenario). It checks
 * `x-life-sign` (optionally the legacy md5 `sign`) over the query and the raw body, validates
 * the body, runs your handler within the time budget and answers in Douyin's envelope
 * `{"data":{"error_code":<number>,"description":"..."}}`.
 *
 * Statuses: 200 for every signed, well-formed request (the outcome is in `error_code`);
 * 400 + envelope `error_code` 2100005 for a signed body that is not JSON or not the scenario's
 * shape; 401 missing/wrong signature; 405 not POST; 413 too large; 500 secret lookup failed.
 *
 * @example
 * ```ts
 * const issue = createDouyinSpi({
 *   scenario: 'fulfilment.order.tripartite_code',
 *   clientSecret: process.env.DOUYIN_CLIENT_SECRET!,
 *   handler: async (order) => ({ result: 'issued', certificates: await issueCodes(order.order_id, order.count ?? 1) }),
 * });
 * export const POST = (request: Request) => issue.handleRequest(request);
 * ```
 */
export function createDouyinSpi(options: NamedSpiOptions<'trade.order.pre_create_order'>): DouyinSpi<typeof preCreateOrder>;
export function createDouyinSpi(options: NamedSpiOptions<'fulfilment.order.tripartite_code'>): DouyinSpi<typeof issueCode>;
export function createDouyinSpi(options: NamedSpiOptions<'fulfilment.order.refund_apply'>): DouyinSpi<typeof refundApply>;
export function createDouyinSpi(options: NamedSpiOptions<'fulfilment.order.refund_notice'>): DouyinSpi<typeof refundNotice>;
export function createDouyinSpi(options: NamedSpiOptions<'order.status_query'>): DouyinSpi<typeof orderStatusQuery>;
export function createDouyinSpi(options: NamedSpiOptions<'merchant.member.info.update'>): DouyinSpi<typeof memberInfoUpdate>;
export function createDouyinSpi<S extends AnySpiScenario>(options: NoInfer<DouyinSpiOptions<S>> & { scenario: S }): DouyinSpi<S>;
/** A scenario chosen at run time (a CLI, a config file): the handler gets `unknown` and returns a {@link spiRawReply}. */
export function createDouyinSpi(options: DynamicSpiOptions): DouyinSpi;
export function createDouyinSpi(options: DouyinSpiOptions<AnySpiScenario> & { scenario: SpiScenarioInput }): DouyinSpi {
  const scenario = resolveScenario(options.scenario);
  if (typeof options.handler !== 'function') {
    throw configError(`@douyin-push/core: createDouyinSpi(${scenario.name}) needs a \`handler\` function.`);
  }
  const resolveSecrets = secretResolver(options.clientSecret, '@douyin-push/core');
  const maxBodyBytes = positiveInt(options.maxBodyBytes ?? DEFAULT_MAX_BODY, 'maxBodyBytes');
  const timeoutMs = positiveInt(options.timeoutMs ?? scenario.timeoutMs, 'timeoutMs');
  const systemErrorCode = positiveInt(options.systemErrorCode ?? scenario.systemErrorCode, 'systemErrorCode');
  const systemError: SpiData = { error_code: systemErrorCode, description: 'system error' };
  const timeoutChoice = options.onTimeout ?? scenario.onTimeout;
  // Converted now so a wrong `onTimeout` fails at startup, not on the first slow request.
  const timeoutData = timeoutChoice === 'system-error' ? systemError : toConfigData(scenario, timeoutChoice);
  const idempotency = idempotencyConfig(options.idempotency, scenario);
  const report = options.onError ?? defaultReport;
  const handler = options.handler as SpiHandler<AnySpiScenario>;

  async function handle(req: DouyinRequest): Promise<DouyinReply> {
    let clientKey: string | undefined;
    const fail = (error: DouyinPushError): DouyinReply => {
      safeReport(report, error, scenario.name, clientKey);
      return errorReply(error);
    };
    try {
      if (String(req.method).toUpperCase() !== 'POST') {
        return fail(new DouyinPushError('METHOD_NOT_ALLOWED', 405, `SPI ${scenario.name} accepts POST only, got ${req.method}.`));
      }
      let rawBody: Uint8Array;
      try {
        rawBody = await readBody(req.body);
      } catch (error) {
        return fail(asPushError(error, 'RAW_BODY_UNAVAILABLE', 500, 'could not read the request body.'));
      }
      if (rawBody.byteLength > maxBodyBytes) return fail(bodyTooLarge(maxBodyBytes));

      const query = queryOf(req.url);
      const verified = await verify(req.headers, query, rawBody);
      if ('error' in verified) return fail(verified.error);
      clientKey = verified.clientKey;

      const text = bytesToText(rawBody);
      let json: unknown;
      try {
        if (text === undefined) throw new Error('not UTF-8');
        json = JSON.parse(text);
      } catch {
        return invalidParams(new DouyinPushError('INVALID_JSON', 400, `SPI ${scenario.name}: the body is not JSON.`));
      }
      const parsed = scenario.schema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'body';
        return invalidParams(
          new DouyinPushError('INVALID_CONTENT', 400, `SPI ${scenario.name}: ${where}: ${issue?.message ?? 'invalid'}.`),
        );
      }

      const controller = new AbortController();
      const context: SpiContext = {
        scenario: scenario.name,
        clientKey: verified.clientKey,
        query,
        headers: req.headers,
        rawBody,
        logId: readHeader(req.headers, 'x-bytedance-logid'),
        signature: verified.kind,
        signal: controller.signal,
        adapter: req.adapter,
      };
      return await decide(parsed.data, context, controller);
    } catch (error) {
      // Never throw to the adapter: anything unexpected is a 500 without details.
      return fail(asPushError(error, 'HANDLER_FAILED', 500, `SPI ${scenario.name} failed unexpectedly.`));
    }

    function invalidParams(error: DouyinPushError): DouyinReply {
      safeReport(report, error, scenario.name, clientKey);
      const data: SpiData = { error_code: SPI_INVALID_PARAMS_CODE, description: `参数不合法: ${stripPrefix(error.message)}` };
      return { status: 400, headers: { ...JSON_HEADERS }, body: envelopeBody(data), errorCode: error.code };
    }
  }

  async function verify(
    headers: HeadersInput,
    query: URLSearchParams,
    rawBody: Uint8Array,
  ): Promise<{ clientKey: string; kind: 'x-life-sign' | 'legacy' } | { error: DouyinPushError }> {
    const header = readHeader(headers, 'x-life-sign');
    const legacy = query.get('sign') ?? undefined;
    const kind = header !== undefined && header !== '' ? 'x-life-sign' : options.legacySign && legacy ? 'legacy' : undefined;
    if (kind === undefined) {
      const hint = legacy && !options.legacySign ? ' (the query has a legacy `sign`; set `legacySign: true` to accept it)' : '';
      return { error: new DouyinPushError('SIGNATURE_MISSING', 401, `SPI request without an x-life-sign header${hint}.`) };
    }
    // Protocol §14 Q7: for a migrated app the URL client_key and the x-life-clientkey header
    // differ and the docs contradict each other on which app's secret signs, so both are tried.
    const keys = unique([query.get('client_key') ?? '', readHeader(headers, 'x-life-clientkey') ?? '']);
    const secretOwner = new Map<string, string>();
    for (const key of keys.length > 0 ? keys : ['']) {
      let secrets: readonly string[];
      try {
        secrets = await resolveSecrets(key);
      } catch (error) {
        return { error: new DouyinPushError('SECRET_LOOKUP_FAILED', 500, 'the clientSecret function threw.', { cause: error }) };
      }
      for (const secret of secrets) if (!secretOwner.has(secret)) secretOwner.set(secret, key);
    }
    const matched = verifySpiSignature({
      kind,
      signature: kind === 'x-life-sign' ? header : legacy,
      secrets: [...secretOwner.keys()],
      query,
      body: rawBody,
    });
    if (matched === undefined) {
      const what = kind === 'x-life-sign' ? 'x-life-sign' : 'legacy query sign';
      return { error: new DouyinPushError('SIGNATURE_MISMATCH', 401, `SPI ${what} does not match (client_key ${keys.join(' / ') || '""'}).`) };
    }
    return { clientKey: secretOwner.get(matched) ?? '', kind };
  }

  async function decide(request: unknown, context: SpiContext, controller: AbortController): Promise<DouyinReply> {
    const deadline = Date.now() + timeoutMs;
    const identity = idempotency ? idempotency.key(request, context) : undefined;
    if (!idempotency || identity === undefined) {
      const outcome = await runWithin(request, context, deadline);
      if (outcome === 'timeout') {
        controller.abort();
        return answer(onOverrun(context));
      }
      return answer(outcome.ok ? outcome.data : onFailure(outcome.error, context));
    }

    const { dedupe, replies, ttlMs } = idempotency;
    const key = `spi:${scenario.name}:${context.clientKey}:${identity}`;
    let found;
    try {
      found = await claimOrReplay(dedupe, replies, key, deadline);
    } catch (error) {
      safeReport(report, asPushError(error, 'DEDUPE_UNAVAILABLE', 503, 'idempotency store failed.'), scenario.name, context.clientKey);
      return answer(systemError);
    }
    if (found.kind === 'replay') return { status: 200, headers: { ...JSON_HEADERS }, body: found.body };
    if (found.kind === 'busy') {
      safeReport(
        report,
        new DouyinPushError('DUPLICATE_IN_FLIGHT', 409, `SPI ${scenario.name} ${identity}: an earlier attempt is still running; answered "retry later".`),
        scenario.name,
        context.clientKey,
      );
      return answer(systemError);
    }
    const { token } = found;
    const running = run(request, context);
    running.then((outcome) => {
      if (!outcome.ok && context.signal.aborted) onFailure(outcome.error, context);
    });
    // Whenever the handler settles, even after an overrun, its successful reply is stored for
    // Douyin's retry and the claim is freed.
    const settled = running.then(async (outcome) => {
      const body = outcome.ok && outcome.data.error_code === 0 ? envelopeBody(outcome.data) : undefined;
      await settleClaim(dedupe, replies, key, token, body, ttlMs);
    });
    const outcome = await within(running, deadline);
    if (outcome === 'timeout') {
      controller.abort();
      settled.catch((error: unknown) => safeReport(report, asPushError(error, 'DEDUPE_UNAVAILABLE', 503, 'store failed.'), scenario.name, context.clientKey));
      return answer(onOverrun(context));
    }
    try {
      await settled;
    } catch (error) {
      // The reply is still right for this request; only a later retry loses the replay.
      safeReport(report, asPushError(error, 'DEDUPE_UNAVAILABLE', 503, 'store failed.'), scenario.name, context.clientKey);
    }
    return answer(outcome.ok ? outcome.data : onFailure(outcome.error, context));
  }

  function run(request: unknown, context: SpiContext): Promise<Outcome> {
    return (async () => {
      const reply = await handler(request as never, context);
      const data = isSpiRawReply(reply) ? checkSpiData(reply.data, scenario.name) : checkSpiData(scenario.toData(reply), scenario.name);
      return { ok: true as const, data };
    })().catch((error: unknown) => ({ ok: false as const, error }));
  }

  function runWithin(request: unknown, context: SpiContext, deadline: number): Promise<Outcome | 'timeout'> {
    const running = run(request, context);
    running.then((outcome) => {
      // A late failure is still reported; its reply was already sent.
      if (!outcome.ok && context.signal.aborted) onFailure(outcome.error, context);
    });
    return within(running, deadline);
  }

  function onOverrun(context: SpiContext): SpiData {
    safeReport(
      report,
      new DouyinPushError('HANDLER_TIMEOUT', 503, `SPI ${scenario.name}: the handler overran ${timeoutMs} ms; answered ${JSON.stringify(timeoutData)} and left it running.`),
      scenario.name,
      context.clientKey,
    );
    return timeoutData;
  }

  function onFailure(error: unknown, context: SpiContext): SpiData {
    const wrapped =
      error instanceof DouyinPushError
        ? error
        : new DouyinPushError('HANDLER_FAILED', 500, `SPI ${scenario.name}: the handler threw: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    safeReport(report, wrapped, scenario.name, context.clientKey);
    return systemError;
  }

  return {
    scenario,
    maxBodyBytes,
    handle,
    handleRequest: createWebHandler(handle, maxBodyBytes),
  };
}

type Outcome = { ok: true; data: SpiData } | { ok: false; error: unknown };

function answer(data: SpiData): DouyinReply {
  return { status: 200, headers: { ...JSON_HEADERS }, body: envelopeBody(data) };
}

function within<T>(promise: Promise<T>, deadline: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function resolveScenario(input: SpiScenarioInput): AnySpiScenario {
  if (typeof input === 'string') {
    const found = (spiScenarios as Record<string, AnySpiScenario>)[input];
    if (found && Object.hasOwn(spiScenarios, input)) return found;
    throw configError(
      `@douyin-push/core: unknown SPI scenario "${input}". Use one of ${Object.keys(spiScenarios).join(', ')}, or defineSpiScenario() for another.`,
    );
  }
  if (typeof input !== 'object' || input === null || typeof input.name !== 'string' || typeof input.toData !== 'function') {
    throw configError('@douyin-push/core: createDouyinSpi needs `scenario`: a scenario name or a defineSpiScenario() object.');
  }
  return input;
}

function idempotencyConfig(
  option: false | SpiIdempotencyOptions<AnySpiScenario> | undefined,
  scenario: AnySpiScenario,
): { dedupe: DedupeStore; replies: SpiReplyStore; ttlMs: number; key: (request: unknown, context: SpiContext) => string | undefined } | undefined {
  if (option === false) return undefined;
  const identity = scenario.identity;
  const key = option?.key ?? (identity ? (request: unknown, context: SpiContext) => identity(request, context.rawBody) : undefined);
  // Scenarios without an identity (pre-create, notices, queries) replay nothing unless given a key.
  if (!key) return undefined;
  return {
    dedupe: option?.dedupe ?? memoryDedupe(),
    replies: option?.replies ?? memorySpiReplies(),
    ttlMs: positiveInt(option?.ttlMs ?? DEFAULT_REPLAY_TTL, 'idempotency.ttlMs'),
    key,
  };
}

function toConfigData(scenario: AnySpiScenario, reply: unknown): SpiData {
  try {
    return checkSpiData(isSpiRawReply(reply) ? reply.data : scenario.toData(reply), scenario.name);
  } catch (error) {
    throw configError(`@douyin-push/core: \`onTimeout\` of ${scenario.name}: ${error instanceof Error ? stripPrefix(error.message) : String(error)}`);
  }
}

async function readBody(body: DouyinRequest['body']): Promise<Uint8Array> {
  if (body === undefined) return new Uint8Array(0);
  const value = typeof body === 'function' ? await body() : body;
  return toBytes(value);
}

function queryOf(url: string | undefined): URLSearchParams {
  if (!url) return new URLSearchParams();
  const start = url.indexOf('?');
  if (start === -1) return new URLSearchParams();
  const end = url.indexOf('#', start);
  return new URLSearchParams(url.slice(start + 1, end === -1 ? undefined : end));
}

function errorReply(error: DouyinPushError): DouyinReply {
  const message = error.expose ? stripPrefix(error.message) : 'internal error';
  const headers: Record<string, string> = { ...JSON_HEADERS };
  if (error.status === 405) headers.allow = 'POST';
  return { status: error.status, headers, body: JSON.stringify({ code: error.code, message }), errorCode: error.code };
}

function asPushError(error: unknown, code: string, status: number, message: string): DouyinPushError {
  return error instanceof DouyinPushError ? error : new DouyinPushError(code, status, message, { cause: error });
}

function safeReport(
  report: NonNullable<DouyinSpiOptions<AnySpiScenario>['onError']>,
  error: DouyinPushError,
  scenario: string,
  clientKey: string | undefined,
): void {
  try {
    report(error, { scenario, clientKey });
  } catch {
    // A failing error reporter must not change the reply Douyin gets.
  }
}

function defaultReport(error: DouyinPushError): void {
  if (error.status >= 500 || error.code === 'DUPLICATE_IN_FLIGHT') console.error(error);
}

function stripPrefix(message: string): string {
  return message.replace(/^@douyin-push\/[a-z-]+: /, '');
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((value) => value !== ''))];
}

function positiveInt(value: number, name: string): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw configError(`@douyin-push/core: createDouyinSpi \`${name}\` must be a positive integer, got ${String(value)}.`);
  }
  return value;
}
