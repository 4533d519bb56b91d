/**
 * `@douyin-push/core/adapter`: the building blocks of douyin-push's own adapters and of any
 * you write (a framework we do not ship, a queue). Applications use the main entry and the
 * adapters instead. An adapter's whole job: get the raw bytes, call the receiver, write the
 * reply; every protocol rule stays behind `receiver.handle()`.
 *
 * @example
 * ```ts
 * import type { DouyinReceiver } from '@douyin-push/core';
 * import { matchesPath, serveNodeRequest } from '@douyin-push/core/adapter';
 *
 * export function myFramework(receiver: DouyinReceiver, { path }: { path?: string } = {}) {
 *   const options = { adapter: 'my-framework', rawBodyFix: 'mount it before the JSON parser' }; // once
 *   return (req, res, next) => {
 *     if (!matchesPath(req.url, path)) return next();
 *     serveNodeRequest(receiver, req, res, options);
 *   };
 * }
 * ```
 *
 * @module
 */
export { handleNodeRequest, serveNodeRequest, type HandleNodeRequestOptions } from '../node/handle-request.js';
export { readNodeBody, rawBodyUnavailable, type ReadNodeBodyOptions } from '../node/read-body.js';
export { armBodyDeadline } from '../node/body-deadline.js';
export { writeNodeReply } from '../node/write-reply.js';
export { matchesPath, requestPath } from '../node/path.js';
export { isDouyinWebhooks } from '../push/is-webhooks.js';
export { bodyStreamFailed, bodyTooLarge, readWebBody, requestAborted, resolveBody } from '../common/body.js';
export { configError } from '../common/errors.js';
export { readHeader } from '../common/headers.js';
export { errorReply, jsonReply } from '../common/reply.js';
export type { AdapterName, BodySource, HeadersInput, HeaderValue } from '../common/receiver.js';
export { createDouyinHandlers, type DouyinHandlers, type DouyinHandlersOptions } from '../push/handlers.js';
export type { DouyinInbox, InboxPush } from '../push/inbox.js';
export { createWebHandler } from '../common/web.js';
export { envelopeSchema, type Envelope } from '../push/parse.js';
