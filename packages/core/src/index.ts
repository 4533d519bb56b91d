/**
 * @douyin-push/core: receive Douyin Open Platform (抖音开放平台) Local Life pushes safely.
 * Signature checks on the raw bytes, typed events from zod schemas, dedupe, and the replies
 * Douyin expects, behind one framework-free entry (`handle`) and a web one (`handleRequest`).
 *
 * @example
 * ```ts
 * import { createDouyinWebhooks } from '@douyin-push/core';
 *
 * const webhooks = createDouyinWebhooks({ clientSecret: process.env.DOUYIN_CLIENT_SECRET! });
 * webhooks.on('life_trade_order_notify', async (event) => {
 *   console.log('paid', event.content.order.order_id, event.content.order.pay_amount);
 * });
 * export const POST = (request: Request) => webhooks.handleRequest(request);
 * ```
 *
 * @packageDocumentation
 */
export {
  createDouyinWebhooks,
  type AddedEventsOff,
  type AddedEventsOn,
  type DouyinWebhooks,
  type DouyinWebhooksOptions,
} from './push/webhooks.js';
export { defaultDedupeKey, type DedupeKey } from './push/dedupe-key.js';
export { sign, verifySignature } from './push/signature.js';
export { DouyinPushError, DouyinHandlerError, type DouyinErrorCode } from './common/errors.js';
export { memoryDedupe, type MemoryDedupeOptions } from './common/dedupe/memory.js';
export type { DedupeStore, DedupeClaim } from './common/dedupe/types.js';
export type { ClientSecret } from './common/secrets.js';
export type { DouyinErrorContext, DouyinErrorHandler } from './common/report.js';
export type { DouyinReceiver, DouyinRequest, DouyinReply } from './common/receiver.js';
export type { DouyinInbox, InboxPush } from './push/inbox.js';
export type { Envelope } from './push/parse.js';
export { allEventSchemas, catalogEventSchemas, eventSchemas } from './events/schemas.js';
export { openEnum, lenientInt, lenientId } from './events/open-enum.js';
export { isDouyinEvent } from './events/types.js';
export type {
  DouyinEvent,
  DouyinAnyEvent,
  DouyinEventContentMap,
  DouyinEventName,
  DouyinActionName,
  DouyinHandlerName,
  DouyinHandler,
  DouyinAddedEvent,
  SchemaEvents,
  SchemaIssue,
} from './events/types.js';
