/**
 * `@douyin-push/core/node`: the shared Node layer under the express, koa and Next.js Pages
 * adapters, and a listener for plain `node:http` servers. Reads the raw body with a byte limit
 * (never hanging on a stream a parser already read), writes core's reply.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createDouyinWebhooks } from '@douyin-push/core';
 * import { toNodeListener } from '@douyin-push/core/node';
 *
 * const webhooks = createDouyinWebhooks({ clientSecret: process.env.DOUYIN_CLIENT_SECRET! });
 * createServer(toNodeListener(webhooks, { path: '/douyin/webhook' })).listen(3000);
 * ```
 *
 * @module
 */
export { readNodeBody, rawBodyUnavailable, type ReadNodeBodyOptions } from './read-body.js';
export { writeNodeReply } from './write-reply.js';
export { handleNodeRequest, type HandleNodeRequestOptions } from './handle-request.js';
export { toNodeListener, type NodeListener, type NodeListenerOptions } from './listener.js';
export { matchesPath, requestPath } from './path.js';
export {
  resolveMount,
  resolveReceiver,
  isDouyinWebhooks,
  mountable,
  type MountOptions,
  type Mounted,
  type ReceiverInput,
  type ReceiverOf,
  type WebhooksFacade,
} from './mount.js';
