/**
 * `@douyin-push/core/node`: a request listener for plain `node:http` / `node:https` servers.
 * (The Node body reader and reply writer the adapters share are in `@douyin-push/core/adapter`.)
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createDouyinWebhooks } from '@douyin-push/core';
 * import { toNodeListener } from '@douyin-push/core/node';
 *
 * const webhooks = createDouyinWebhooks({ clientSecret: process.env.DOUYIN_CLIENT_SECRET });
 * createServer(toNodeListener(webhooks, { path: '/douyin/webhook' })).listen(3000);
 * ```
 *
 * @module
 */
export { toNodeListener, type NodeListener, type NodeListenerOptions } from './listener.js';
