import type { z } from 'zod';
import { resolveBody } from '../shared/body.js';
import { createDispatcher, type DouyinDispatcher, type DouyinErrorContext } from './dispatcher.js';
import { memoryDedupe } from '../shared/dedupe/memory.js';
import type { DedupeStore } from '../shared/dedupe/types.js';
import { configError, DouyinPushError } from '../shared/errors.js';
import { eventSchemas } from '../events/schemas.js';
import type { DouyinAnyEvent, SchemaIssue } from '../events/types.js';
import { buildEvent } from './event.js';
import { handOff } from './hand-off.js';
import type { DouyinInbox } from './inbox.js';
import { bytesToText } from '../shared/bytes.js';
import { readHeader } from '../shared/headers.js';
import { decodeContent, messageId, parseEnvelope, parseJsonBody } from './parse.js';
import type { DouyinReceiver, DouyinReply, DouyinRequest } from '../shared/receiver.js';
import { errorReply, jsonReply, toDouyinError } from '../shared/reply.js';
import { secretResolver, type ClientSecret } from '../shared/secrets.js';
import { signatureMismatch } from './signature.js';
import { verifySignature } from './signature.js';
import { deliverWithDedupe } from './deliver.js';
import { createWebHandler } from '../shared/web.js';

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
  /** The app's client_secret, several (rotation), or a function of client_key (many apps). Required. */
  clientSecret: ClientSecret;
  /** Where handled message ids are remembered. Default `memoryDedupe()`; `false` turns dedupe off. */
  dedupe?: DedupeStore | false | undefined;
  /** Largest body accepted (413 above). Default 1 MiB; Douyin publishes no maximum. */
  maxBodyBytes?: number | undefined;
  /**
   * Longest wait for handlers before replying. Douyin wants a 200 within 3 s; past this the push
   * is answered 503 (so Douyin retries) while the handlers keep running; the retry is answered
   * 200 once they succeeded, without running them again. Default 2500 ms.
   */
  timeoutMs?: number | undefined;
  /** How long a duplicate waits for an in-flight delivery of the same message. Default `timeoutMs`. */
  inFlightWaitMs?: number | undefined;
  /**
   * `'after-handling'` (default): 200 only once every handler succeeded.
   * `'before-handling'`: 200 as soon as the push is verified, parsed and claimed; handlers run
   * afterwards (kept alive by the adapter's `waitUntil`, e.g. Next.js `after()`), and a failure
   * only reaches `onError`: Douyin will not retry it. Choose it only if you queue work yourself.
   */
  ack?: 'after-handling' | 'before-handling' | undefined;
  /**
   * Answer a `verify_webhook` that carries no signature. Default `false` (401): Douyin's own
   * demo signs it (protocol §3, MED); turn this on only if the console's URL check fails.
   */
  allowUnsignedChallenge?: boolean | undefined;
  /**
   * Durable mode: verified pushes are stored in this inbox (a queue, `@douyin-push/queue`) and
   * answered 200 once the write is confirmed; workers run the handlers. Handlers registered on
   * this receiver with `on()` are not run. The inbox dedupes by `push.id`; `dedupe` is not used here.
   */
  inbox?: DouyinInbox | undefined;
  /** Schemas for events you add (with module augmentation of `DouyinEventContentMap`). */
  schemas?: Readonly<Record<string, z.ZodType>> | undefined;
  /** Called when an authentic push does not match its schema (it is delivered anyway). Default: `console.warn`. */
  onSchemaMismatch?: ((event: DouyinAnyEvent, issues: readonly SchemaIssue[]) => void) | undefined;
}

/**
 * A push receiver: mount it with an adapter (or call `handle` / `handleRequest`), register
 * handlers with `on`.
 *
 * @example
 * ```ts
 * const webhooks: DouyinWebhooks = createDouyinWebhooks({ clientSecret });
 * app.use(douyinWebhook(webhooks, { path: '/douyin/webhook' }));
 * ```
 */
export interface DouyinWebhooks extends DouyinReceiver, DouyinDispatcher {
  /** The store in use (`undefined` when dedupe is off). */
  readonly dedupe: DedupeStore | undefined;
}

const DEFAULT_MAX_BODY = 1024 * 1024;

/**
 * Creates a Douyin push receiver: verifies `X-Douyin-Signature`, parses and validates the push,
 * answers `verify_webhook`, drops duplicates and runs your typed handlers.
 *
 * Replies: 200 handled or duplicate · 400 not JSON / no `event` / bad `content` · 401 missing or
 * wrong signature · 405 not POST · 409 duplicate still in flight · 413 too large · 500 handler
 * failed · 503 handler too slow or dedupe store down. No handler runs for a 4xx.
 *
 * @example
 * ```ts
 * const webhooks = createDouyinWebhooks({ clientSecret: process.env.DOUYIN_CLIENT_SECRET! });
 * webhooks.on('life_trade_certificate_notify.verify', async ({ content }) => {
 *   await vouchers.redeemed(content.certificate.certificate_id);
 * });
 * export const POST = (request: Request) => webhooks.handleRequest(request);
 * ```
 */
export function createDouyinWebhooks(options: DouyinWebhooksOptions): DouyinWebhooks {
  if (!options || typeof options !== 'object') throw configError('createDouyinWebhooks: pass an options object with `clientSecret`.');
  const secrets = secretResolver(options.clientSecret);
  const maxBodyBytes = positive(options.maxBodyBytes ?? DEFAULT_MAX_BODY, 'maxBodyBytes');
  const timeoutMs = positive(options.timeoutMs ?? 2500, 'timeoutMs');
  const inFlightWaitMs = positive(options.inFlightWaitMs ?? timeoutMs, 'inFlightWaitMs');
  const inbox = options.inbox;
  // With an inbox the queue engine dedupes (one job per id) and the worker's store guards handlers.
  const store = options.dedupe === false || inbox ? undefined : (options.dedupe ?? memoryDedupe());
  const schemas: Readonly<Record<string, z.ZodType>> = { ...eventSchemas, ...options.schemas };
  const onSchemaMismatch =
    options.onSchemaMismatch ??
    ((event, issues) =>
      console.warn(
        `@douyin-push/core: ${event.name} (msg ${event.msgId}) does not match its schema; delivered anyway:`,
        issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      ));
  const dispatcher = createDispatcher();

  async function process(request: DouyinRequest, context: DouyinErrorContext): Promise<DouyinReply> {
    if (request.method.toUpperCase() !== 'POST') {
      throw new DouyinPushError('METHOD_NOT_ALLOWED', 405, `Douyin pushes are POST requests, not ${request.method}.`);
    }
    const body = resolveBody(request.body, maxBodyBytes);
    const rawBody = body instanceof Uint8Array ? body : await body;
    const envelope = parseEnvelope(parseJsonBody(rawBody));
    context.event = envelope.event;
    context.clientKey = envelope.client_key;
    context.logId = envelope.log_id;

    const signature = readHeader(request.headers, 'x-douyin-signature');
    const isChallenge = envelope.event === 'verify_webhook';
    if (!signature) {
      if (!(isChallenge && options.allowUnsignedChallenge)) {
        throw new DouyinPushError('SIGNATURE_MISSING', 401, 'The X-Douyin-Signature header is missing.');
      }
    } else {
      const found = secrets(envelope.client_key);
      const candidates = Array.isArray(found) ? (found as readonly string[]) : await found;
      if (!verifySignature(rawBody, signature, candidates)) throw signatureMismatch(envelope.client_key, candidates);
    }

    const content = decodeContent(envelope.content);
    if (isChallenge) {
      const challenge = (content as { challenge?: unknown } | null)?.challenge;
      // Douyin sends a number (protocol §3); a string is echoed too. Anything else is not a challenge.
      if (typeof challenge !== 'number' && typeof challenge !== 'string') {
        throw new DouyinPushError('INVALID_CONTENT', 400, 'verify_webhook needs `content.challenge` as a number or string.');
      }
      // Echo the parsed value untouched: a number stays a number (protocol §3).
      return jsonReply(200, { challenge });
    }

    const msgId = messageId(request.headers, envelope, rawBody);
    context.msgId = msgId;
    const event = buildEvent({ envelope, content, msgId, rawBody, schemas });
    if (event.schemaIssues) onSchemaMismatch(event, event.schemaIssues);
    const key = `${envelope.client_key}:${msgId}`;

    if (inbox) return handOff(inbox, { id: key, name: event.name, action: event.action, msgId, clientKey: envelope.client_key, logId: envelope.log_id, receivedAt: Date.now(), body: bytesToText(rawBody) ?? '', msgIdHeader: readHeader(request.headers, 'msg-id') }, timeoutMs);

    return deliverWithDedupe({
      store,
      key,
      run: () => dispatcher.dispatch(event),
      timeoutMs,
      inFlightWaitMs,
      ack: options.ack ?? 'after-handling',
      waitUntil: request.waitUntil,
      report: (error) => dispatcher.reportError(error, { ...context }),
    });
  }

  async function handle(request: DouyinRequest): Promise<DouyinReply> {
    const context: DouyinErrorContext = {};
    try {
      return await process(request, context);
    } catch (caught) {
      const error = toDouyinError(caught);
      dispatcher.reportError(error, context);
      return errorReply(error);
    }
  }

  return {
    maxBodyBytes,
    dedupe: store,
    handle,
    handleRequest: createWebHandler(handle, maxBodyBytes),
    on: dispatcher.on,
    off: dispatcher.off,
    onAny: dispatcher.onAny,
    onError: dispatcher.onError,
  };
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw configError(`createDouyinWebhooks: \`${name}\` must be a positive number, got ${String(value)}.`);
  return value;
}
