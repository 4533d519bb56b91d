import type { z } from 'zod';
import { toBytes } from '../common/bytes.js';
import type { DouyinPushError } from '../common/errors.js';
import { parseJsonBody } from '../common/json.js';
import { createReporter, type DouyinErrorContext } from '../common/report.js';
import { createDispatcher, type DouyinDispatcher } from './dispatcher.js';
import { decodeContent, parseEnvelope } from './parse.js';
import type { DouyinAnyEvent } from '../events/types.js';
import { buildEvent, eventSchemaMap, isKnownEvent } from './event.js';
import type { InboxPush } from './inbox.js';

/**
 * Options of {@link createDouyinHandlers}.
 *
 * @example
 * ```ts
 * const options: DouyinHandlersOptions = { schemas: { life_member_join: memberJoinSchema } };
 * ```
 */
export interface DouyinHandlersOptions {
  /** Schemas for events you add, as given to `createDouyinWebhooks`. */
  schemas?: Readonly<Record<string, z.ZodType>> | undefined;
}

/**
 * The handler registry of a durable-mode worker: the receiver's `on`/`onAny`/`onError`/`off`
 * with the same typed event map, plus `run`, which turns a stored push back into the event
 * handlers get and runs them.
 *
 * @example
 * ```ts
 * const handlers: DouyinHandlers = createDouyinHandlers();
 * handlers.on('life_trade_order_notify', (e) => save(e.content.order));
 * await handlers.run(job.data); // throws DouyinHandlerError when a handler failed
 * ```
 */
export interface DouyinHandlers extends DouyinDispatcher {
  /** Parses a stored push (no signature check: the receiver verified it) and runs its handlers. */
  run(push: InboxPush): Promise<DouyinAnyEvent>;
  /** Sends an error to the `onError` listeners (console.error for 5xx when there are none). */
  report(error: DouyinPushError, context: DouyinErrorContext): void;
}

/**
 * Creates the handler registry a worker of `@douyin-push/queue` runs stored pushes through.
 *
 * @example
 * ```ts
 * import { createDouyinHandlers } from '@douyin-push/core/adapter';
 *
 * const handlers = createDouyinHandlers();
 * handlers.on('life_trade_certificate_notify.verify', async ({ content }) => redeem(content.certificate.certificate_id));
 * ```
 */
export function createDouyinHandlers(options: DouyinHandlersOptions = {}): DouyinHandlers {
  const schemas = eventSchemaMap(options.schemas);
  const reporter = createReporter();
  const dispatcher = createDispatcher(reporter, (name) => isKnownEvent(schemas, name));
  return {
    on: dispatcher.on,
    off: dispatcher.off,
    onAny: dispatcher.onAny,
    onError: dispatcher.onError,
    report: reporter.report,
    async run(push) {
      const rawBody = toBytes(push.body);
      const envelope = parseEnvelope(parseJsonBody(rawBody));
      const event = buildEvent({ envelope, content: decodeContent(envelope.content), msgId: push.msgId, rawBody, schemas });
      await dispatcher.dispatch(event);
      return event;
    },
  };
}
