import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DouyinReceiver } from '../common/receiver.js';
import { serveNodeRequest } from './handle-request.js';
import { requestPath } from './path.js';

/**
 * Options of {@link toNodeListener}.
 *
 * @example
 * ```ts
 * http.createServer(toNodeListener(webhooks, { path: '/douyin/webhook' } satisfies NodeListenerOptions));
 * ```
 */
export interface NodeListenerOptions {
  /** Only this path (query ignored) goes to the receiver; others get 404. Default: every path. */
  path?: string | undefined;
}

/**
 * A plain `node:http` request listener.
 *
 * @example
 * ```ts
 * const listener: NodeListener = toNodeListener(webhooks, { path: '/douyin/webhook' });
 * http.createServer(listener).listen(3000);
 * ```
 */
export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;

// Shared by every request (nodeRequest() only reads it).
const NODE = { adapter: 'node' } as const;
const notFound = Buffer.from(JSON.stringify({ code: 'NOT_FOUND', message: 'Not Found' }));

/**
 * A `node:http` (or `node:https`) request listener for a receiver, for servers without a
 * framework.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createDouyinWebhooks } from '@douyin-push/core';
 * import { toNodeListener } from '@douyin-push/core/node';
 *
 * const webhooks = createDouyinWebhooks({ clientSecret: process.env.DOUYIN_CLIENT_SECRET! });
 * webhooks.on('life_trade_order_notify', (event) => console.log(event.content.order.order_id));
 * createServer(toNodeListener(webhooks, { path: '/douyin/webhook' })).listen(3000);
 * ```
 */
export function toNodeListener(receiver: DouyinReceiver, options: NodeListenerOptions = {}): NodeListener {
  // The configured path, normalised once (not per request).
  const path = options.path === undefined ? undefined : requestPath(options.path);
  return (req, res) => {
    // The exact path needs no normalising (the configured one already is).
    if (path !== undefined && req.url !== path && requestPath(req.url ?? '/') !== path) {
      res.writeHead(404, { 'content-type': 'application/json', 'content-length': notFound.byteLength }).end(notFound);
      return;
    }
    serveNodeRequest(receiver, req, res, NODE);
  };
}
