import type { z } from 'zod';
import type { DouyinAnyEvent, SchemaIssue } from '../events/types.js';
import type { DedupeStore } from '../common/dedupe/types.js';
import { DouyinPushError } from '../common/errors.js';
import type { MaybePromise } from '../common/maybe-promise.js';
import { readHeader } from '../common/headers.js';
import { parseJsonBody } from '../common/json.js';
import type { PipelineSteps } from '../common/pipeline.js';
import type { DouyinReply, DouyinRequest } from '../common/receiver.js';
import type { DouyinErrorContext, DouyinErrorHandler } from '../common/report.js';
import { jsonReply } from '../common/reply.js';
import type { SecretResolver } from '../common/secrets.js';
import { bytesToText } from '../common/bytes.js';
import type { DedupeKey } from './dedupe-key.js';
import { deliverWithDedupe } from './deliver.js';
import { buildEvent } from './event.js';
import { handOff } from './hand-off.js';
import type { DouyinInbox } from './inbox.js';
import { decodeContent, messageId, parseEnvelope, type Envelope } from './parse.js';
import { signatureMismatch, verifySignature } from './signature.js';

/**
 * The push receiver's resolved configuration.
 *
 * @example
 * ```ts
 * const run = receivePush({ secrets, schemas, store, inbox: undefined, timeoutMs: 2500, dedupeKey: defaultDedupeKey, ... });
 * ```
 */
export interface PushConfig {
  secrets: SecretResolver;
  schemas: ReadonlyMap<string, z.ZodType>;
  store: DedupeStore | undefined;
  inbox: DouyinInbox | undefined;
  timeoutMs: number;
  inFlightWaitMs: number;
  dedupeKey: DedupeKey;
  ack: 'after-handling' | 'before-handling';
  allowUnsignedChallenge: boolean;
  onSchemaMismatch: (event: DouyinAnyEvent, issues: readonly SchemaIssue[]) => void;
  dispatch: (event: DouyinAnyEvent) => MaybePromise<void>;
  report: DouyinErrorHandler;
}

/**
 * The push-only steps of the pipeline: decode the envelope (its client_key picks the secret),
 * verify `X-Douyin-Signature`, answer `verify_webhook`, build the typed event, then hand it to
 * the handlers (deduplicated, within the request's deadline) or to the durable inbox.
 *
 * @example
 * ```ts
 * const handle = createPipeline({ source: 'push', maxBodyBytes, reporter, run: receivePush(config) });
 * ```
 */
export function receivePush(config: PushConfig): PipelineSteps['run'] {
  // Not `async`: with static secrets and a synchronous store and handler, a push is answered
  // without a promise of its own (the pipeline awaits only what is pending).
  return (request, rawBody, context, arrivedAt) => {
    const sentMsgId = readHeader(request.headers, 'msg-id');
    if (sentMsgId) context.claimedMsgId = sentMsgId.slice(0, 128);
    const envelope = parseEnvelope(parseJsonBody(rawBody));

    const signature = readHeader(request.headers, 'x-douyin-signature');
    if (!signature) {
      if (!(envelope.event === 'verify_webhook' && config.allowUnsignedChallenge)) {
        throw new DouyinPushError('SIGNATURE_MISSING', 401, 'The X-Douyin-Signature header is missing.');
      }
      return accept(config, request, rawBody, context, arrivedAt, envelope, sentMsgId);
    }
    const found = config.secrets(envelope.client_key);
    if (Array.isArray(found)) {
      checkSignature(rawBody, signature, envelope, found as readonly string[], context);
      return accept(config, request, rawBody, context, arrivedAt, envelope, sentMsgId);
    }
    return Promise.resolve(found).then((candidates) => {
      checkSignature(rawBody, signature, envelope, candidates, context);
      return accept(config, request, rawBody, context, arrivedAt, envelope, sentMsgId);
    });
  };
}

function checkSignature(
  rawBody: Uint8Array,
  signature: string,
  envelope: Envelope,
  candidates: readonly string[],
  context: DouyinErrorContext,
): void {
  if (!verifySignature(rawBody, signature, candidates)) throw signatureMismatch(envelope.client_key, candidates);
  trust(context, envelope.event, envelope.client_key, envelope.log_id);
}

/** After the signature: the challenge answer, or the push to the inbox or the handlers. */
function accept(
  config: PushConfig,
  request: DouyinRequest,
  rawBody: Uint8Array,
  context: DouyinErrorContext,
  arrivedAt: number,
  envelope: Envelope,
  sentMsgId: string | undefined,
): MaybePromise<DouyinReply> {
  const msgId = messageId(request.headers, envelope, rawBody, sentMsgId);
  if (context.verified) context.msgId = msgId;
  const content = decodeContent(envelope.content);
  if (envelope.event === 'verify_webhook') return answerChallenge(content);

  const event = buildEvent({ envelope, content, msgId, rawBody, schemas: config.schemas });
  if (event.schemaIssues) config.onSchemaMismatch(event, event.schemaIssues);
  const key = config.dedupeKey(event);
  const deadline = arrivedAt + config.timeoutMs;
  if (config.inbox) {
    const push = {
      id: key,
      name: event.name,
      action: event.action,
      msgId,
      clientKey: event.clientKey,
      logId: event.logId,
      receivedAt: arrivedAt,
      body: bytesToText(rawBody) ?? '',
      msgIdHeader: sentMsgId,
    };
    return handOff(config.inbox, push, deadline);
  }
  return deliverWithDedupe({
    store: config.store,
    key,
    run: () => config.dispatch(event),
    deadline,
    waitDeadline: Math.min(deadline, arrivedAt + config.inFlightWaitMs),
    ack: config.ack,
    waitUntil: request.waitUntil,
    // No closure per push: the context object is the request's own and outlives it unchanged.
    report: config.report,
    context,
  });
}

function trust(context: DouyinErrorContext, event: string, clientKey: string, logId: string): void {
  context.verified = true;
  context.event = event;
  context.clientKey = clientKey;
  context.logId = logId;
}

function answerChallenge(content: unknown) {
  const challenge = (content as { challenge?: unknown } | null)?.challenge;
  // Douyin sends a number (docs/protocol.md); a string is echoed too. Anything else is not a challenge.
  if (typeof challenge !== 'number' && typeof challenge !== 'string') {
    throw new DouyinPushError('INVALID_CONTENT', 400, 'verify_webhook needs `content.challenge` as a number or string.');
  }
  // Echo the parsed value untouched: a number stays a number.
  return jsonReply(200, { challenge });
}
