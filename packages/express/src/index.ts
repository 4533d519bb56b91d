/**
 * `@douyin-push/express`: receive Douyin Local Life pushes (and SPI calls) in an express 4 or 5
 * app with one `app.use`. Mount it before `express.json()`: Douyin signs the exact bytes.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { douyinWebhook } from '@douyin-push/express';
 *
 * const douyin = douyinWebhook({ clientSecret: process.env.DOUYIN_CLIENT_SECRET!, path: '/douyin/webhook' });
 * douyin.on('life_trade_certificate_notify', async (event) => {
 *   console.log(event.action, event.content.certificate.certificate_id);
 * });
 *
 * const app = express();
 * app.use(douyin); // before express.json()
 * app.use(express.json());
 * app.listen(3000);
 * ```
 *
 * @packageDocumentation
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DouyinReceiver, DouyinWebhooks, DouyinWebhooksOptions } from '@douyin-push/core';
import {
  handleNodeRequest,
  matchesPath,
  mountable,
  resolveMount,
  type MountOptions,
  type Mounted,
} from '@douyin-push/core/node';

/**
 * Options of the express middleware besides the receiver's.
 *
 * @example
 * ```ts
 * const options: DouyinExpressOptions = { path: '/douyin/webhook' };
 * app.use(douyinWebhook(webhooks, options));
 * ```
 */
export type DouyinExpressOptions = MountOptions;

/**
 * What the middleware reads of express's request (structural, so express 4 and 5 types both fit).
 *
 * @example
 * ```ts
 * app.post('/raw', (req: DouyinExpressRequest, res) => res.end(String(req.rawBody ?? '')));
 * ```
 */
export type DouyinExpressRequest = IncomingMessage & { originalUrl?: string; path?: string; body?: unknown; rawBody?: unknown };

/**
 * An express middleware: `app.use(douyin)`, `router.use(douyin)` or `app.post(path, douyin)`.
 *
 * @example
 * ```ts
 * const douyin: DouyinExpressMiddleware = douyinWebhook({ clientSecret, path: '/douyin/webhook' });
 * douyin.on('life_trade_order_notify', (e) => console.log(e.content.order.order_id));
 * ```
 */
export type DouyinExpressMiddleware<R extends DouyinReceiver = DouyinWebhooks> = Mounted<
  (req: DouyinExpressRequest, res: ServerResponse, next: (error?: unknown) => void) => void,
  R
>;

/**
 * The express middleware. Give it options (it creates the push receiver, and exposes `.on`,
 * `.onAny`, `.onError`, `.off`) or any receiver: a shared `createDouyinWebhooks(...)` or an SPI
 * receiver from `@douyin-push/core/spi`. Requests for other paths go to `next()`; `path` is
 * relative to where a router mounted the middleware, and core gets the full `originalUrl`.
 *
 * @example
 * ```ts
 * const webhooks = createDouyinWebhooks({ clientSecret, dedupe: redisDedupe({ client }) });
 * app.use(douyinWebhook(webhooks, { path: '/douyin/webhook' }));
 * app.use(douyinWebhook(createDouyinSpi({ scenario: 'fulfilment.order.tripartite_code', clientSecret, handler }), { path: '/douyin/spi/issue' }));
 * ```
 */
export function douyinWebhook(options: DouyinWebhooksOptions & DouyinExpressOptions): DouyinExpressMiddleware<DouyinWebhooks>;
export function douyinWebhook<R extends DouyinReceiver>(receiver: R, options?: DouyinExpressOptions): DouyinExpressMiddleware<R>;
export function douyinWebhook(
  input: DouyinReceiver | (DouyinWebhooksOptions & DouyinExpressOptions),
  options?: DouyinExpressOptions,
): DouyinExpressMiddleware<DouyinReceiver> {
  const { receiver, path } = resolveMount(input, options);
  return mountable((req: DouyinExpressRequest, res: ServerResponse, next: (error?: unknown) => void) => {
    // `req.path` is relative to the router's mount point (https://expressjs.com/en/api.html#req.path).
    if (!matchesPath(req.path ?? req.url, path)) return next();
    // The body is read inside core's call (after the method check); parsers' leftovers are picked up.
    handleNodeRequest(receiver, req, res, { adapter: 'express' }).catch(next);
  }, receiver);
}
