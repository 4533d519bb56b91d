import type { z } from 'zod';
import { eventSchemaMap, isKnownEvent } from './event.js';
import type { DouyinAddedEvent, DouyinAnyEvent, SchemaEvents, SchemaIssue } from '../events/types.js';
import { memoryDedupe } from '../common/dedupe/memory.js';
import type { DedupeStore } from '../common/dedupe/types.js';
import { configError } from '../common/errors.js';
import { positiveInt } from '../common/options.js';
import { createPipeline } from '../common/pipeline.js';
import type { DouyinReceiver } from '../common/receiver.js';
import { createReporter, type DouyinErrorHandler } from '../common/report.js';
import { secretResolver, type ClientSecret } from '../common/secrets.js';
import { createWebHandler } from '../common/web.js';
import { defaultDedupeKey, type DedupeKey } from './dedupe-key.js';
import { createDispatcher, type DouyinDispatcher } from './dispatcher.js';
import type { DouyinInbox } from './inbox.js';
import { receivePush } from './receive.js';

/**
 * Options of {@link createDouyinWebhooks}.
 *
 * @example
 * ```ts
 * const options: DouyinWebhooksOptions = {
 *   clientSecret: process.env.DOUYIN_CLIENT_SECRET!,
 *   timeoutMs: 2500,
 * };
 * ```
 */
export interface DouyinWebhooksOptions {
  /**
   * The app's client_secret, several (rotation), or a function of client_key (many apps).
   * Missing or empty: the receiver is still created (so `next build` works without secrets),
   * warns once, and answers every request 500 `CONFIG_INVALID` until configured.
   */
  clientSecret: ClientSecret | undefined;
  /** Where handled pushes are remembered. Default `memoryDedupe()`; `false` turns dedupe off. */
  dedupe?: DedupeStore | false | undefined;
  /**
   * The identity under which a push is deduplicated. Default {@link defaultDedupeKey}: the
   * message id and a digest of client_key, event and `content` (Douyin reuses a Msg-Id for the same entity and
   * action, so a Msg-Id alone would drop a later, different push).
   */
  dedupeKey?: DedupeKey | undefined;
  /** Largest body accepted (413 above). Default 1 MiB; Douyin publishes no maximum. */
  maxBodyBytes?: number | undefined;
  /** Longest a Node adapter waits for the body to arrive (408 after). Default 10 000 ms. */
  bodyTimeoutMs?: number | undefined;
  /**
   * The reply's deadline, from the request's arrival: Douyin wants a 200 within 3 s. Waiting for
   * an in-flight duplicate and running handlers share it; past it the push is answered 503 (so
   * Douyin retries) while the handlers keep running, and the retry is answered by their outcome
   * without running them again. Default 2500 ms.
   */
  timeoutMs?: number | undefined;
  /** Longest a duplicate waits for an in-flight delivery of the same push (never past `timeoutMs`). Default `timeoutMs`. */
  inFlightWaitMs?: number | undefined;
  /** An error listener from the start (the same as calling `onError` right away). */
  onError?: DouyinErrorHandler | undefined;
  /**
   * `'after-handling'` (default): 200 only once every handler succeeded.
   * `'before-handling'`: 200 as soon as the push is verified, parsed and claimed; handlers run
   * afterwards (kept alive by the adapter's `waitUntil`, e.g. Next.js `after()`), and a failure
   * only reaches `onError`: Douyin will not retry it. For durable work use `inbox` instead.
   */
  ack?: 'after-handling' | 'before-handling' | undefined;
  /**
   * Durable mode: verified pushes are stored in this inbox (`@douyin-push/queue`: BullMQ or
   * pg-boss) and answered 200 once the write is confirmed; workers run the handlers. Handlers
   * registered here with `on()` are not run. The inbox dedupes by `push.id`; `dedupe` is unused.
   */
  inbox?: DouyinInbox | undefined;
  /**
   * Answer a `verify_webhook` that carries no signature. Default `false` (401): Douyin signs it
   * (docs/protocol.md); turn this on only if the console's URL check fails.
   */
  allowUnsignedChallenge?: boolean | undefined;
  /** Schemas of events you add: their content is validated, and `on()` types it from the schema. */
  schemas?: Readonly<Record<string, z.ZodType>> | undefined;
  /** Called when an authentic push does not match its schema (it is delivered anyway). Default: `console.warn`. */
  onSchemaMismatch?: ((event: DouyinAnyEvent, issues: readonly SchemaIssue[]) => void) | undefined;
}

/**
 * A push receiver: mount it with an adapter (or call `handle` / `handleRequest`), register
 * handlers with `on`, errors with `onError`.
 *
 * @example
 * ```ts
 * const webhooks: DouyinWebhooks = createDouyinWebhooks({ clientSecret });
 * app.use(douyinWebhook(webhooks, { path: '/douyin/webhook' }));
 * ```
 */
export interface DouyinWebhooks<Added extends object = {}> extends DouyinReceiver, Omit<DouyinDispatcher, 'on' | 'off'> {
  /** Registers a handler for events (or `'event.action'` names); returns a function that removes it. */
  on: DouyinDispatcher['on'] & AddedEventsOn<Added>;
  off: DouyinDispatcher['off'] & AddedEventsOff<Added>;
  /** The store in use (`undefined` when dedupe is off or an inbox dedupes). */
  readonly dedupe: DedupeStore | undefined;
}

/**
 * `on()` for the events added through `schemas`: their content is typed from the schema.
 *
 * @example
 * ```ts
 * const on: AddedEventsOn<{ life_member_join: { account_id: string } }> = webhooks.on;
 * ```
 */
export type AddedEventsOn<Added extends object> = <N extends keyof Added & string>(
  names: N | readonly N[],
  handler: (event: DouyinAddedEvent<N, Added[N]>) => unknown,
) => () => void;

/**
 * `off()` for the events added through `schemas`.
 *
 * @example
 * ```ts
 * const off: AddedEventsOff<{ life_member_join: { account_id: string } }> = webhooks.off;
 * ```
 */
export type AddedEventsOff<Added extends object> = <N extends keyof Added & string>(
  names: N | readonly N[],
  handler: (event: DouyinAddedEvent<N, Added[N]>) => unknown,
) => void;

/**
 * Creates a Douyin push receiver: verifies `X-Douyin-Signature`, parses and validates the push,
 * answers `verify_webhook`, drops duplicates and runs your typed handlers.
 *
 * Replies: 200 handled or duplicate · 400 not JSON / no `event` / bad `content` · 401 missing or
 * wrong signature · 405 not POST · 408 body too slow · 409 duplicate still in flight · 413 too
 * large · 500 handler failed or not configured · 503 too slow, dedupe store or inbox down.
 * No handler runs for a 4xx.
 *
 * @example
 * ```ts
 * const webhooks = createDouyinWebhooks({ clientSecret: process.env.DOUYIN_CLIENT_SECRET });
 * webhooks.on('life_trade_certificate_notify.verify', async ({ content }) => {
 *   await vouchers.redeemed(content.certificate.certificate_id);
 * });
 * export const POST = (request: Request) => webhooks.handleRequest(request);
 * ```
 */
export function createDouyinWebhooks<const S extends Readonly<Record<string, z.ZodType>> = {}>(
  options: DouyinWebhooksOptions & { schemas?: S | undefined },
): DouyinWebhooks<SchemaEvents<S>> {
  if (!options || typeof options !== 'object') throw configError('createDouyinWebhooks: pass an options object with `clientSecret`.');
  const owner = 'createDouyinWebhooks';
  const maxBodyBytes = positiveInt(owner, 'maxBodyBytes', options.maxBodyBytes, 1024 * 1024);
  const bodyTimeoutMs = positiveInt(owner, 'bodyTimeoutMs', options.bodyTimeoutMs, 10_000);
  const timeoutMs = positiveInt(owner, 'timeoutMs', options.timeoutMs, 2500);
  const inbox = options.inbox;
  const store = options.dedupe === false || inbox ? undefined : (options.dedupe ?? memoryDedupe());
  const schemas = eventSchemaMap(options.schemas);
  const inFlightWaitMs = positiveInt(owner, 'inFlightWaitMs', options.inFlightWaitMs, timeoutMs);
  const reporter = createReporter();
  if (options.onError) reporter.onError(options.onError);
  const secrets = secretResolver(options.clientSecret, owner);
  const dispatcher = createDispatcher(reporter, (name) => isKnownEvent(schemas, name));
  store?.bindReporter?.(reporter.report);

  const handle = createPipeline({
    source: 'push',
    maxBodyBytes,
    reporter,
    run: receivePush({
      secrets,
      schemas,
      store,
      inbox,
      timeoutMs,
      inFlightWaitMs,
      dedupeKey: options.dedupeKey ?? defaultDedupeKey,
      ack: options.ack ?? 'after-handling',
      allowUnsignedChallenge: options.allowUnsignedChallenge ?? false,
      onSchemaMismatch: options.onSchemaMismatch ?? warnMismatch,
      dispatch: dispatcher.dispatch,
      report: reporter.report,
    }),
  });

  return {
    maxBodyBytes,
    bodyTimeoutMs,
    dedupe: store,
    handle,
    handleRequest: createWebHandler(handle, maxBodyBytes),
    // One registry: the added events' overloads only widen the names the types accept.
    on: dispatcher.on as DouyinWebhooks<SchemaEvents<S>>['on'],
    off: dispatcher.off as DouyinWebhooks<SchemaEvents<S>>['off'],
    onAny: dispatcher.onAny,
    onError: dispatcher.onError,
  };
}

function warnMismatch(event: DouyinAnyEvent, issues: readonly SchemaIssue[]): void {
  console.warn(
    `@douyin-push/core: ${event.name} (msg ${event.msgId}) does not match its schema; delivered anyway:`,
    issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
  );
}
