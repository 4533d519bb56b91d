/**
 * `@douyin-push/express`: receive Douyin Local Life pushes (and SPI calls) in an express 4 or 5
 * app with one `app.use`. Mount it before `express.json()`: Douyin signs the exact bytes.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { createDouyinWebhooks } from '@douyin-push/core';
 * import { douyinWebhook } from '@douyin-push/express';
 *
 * const webhooks = createDouyinWebhooks({ clientSecret: process.env.DOUYIN_CLIENT_SECRET });
 * webhooks.on('life_trade_certificate_notify', async (event) => {
 *   console.log(event.action, event.content.certificate.certificate_id);
 * });
 *
 * const app = express();
 * app.use(douyinWebhook(webhooks, { path: '/douyin/webhook' })); // before express.json()
 * app.use(express.json());
 * app.listen(3000);
 * ```
 *
 * @packageDocumentation
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DouyinReceiver } from '@douyin-push/core';
import { handleNodeRequest, matchesPath } from '@douyin-push/core/adapter';

/**
 * Where the middleware answers.
 *
 * @example
 * ```ts
 * app.use('/api', douyinWebhook(webhooks, { path: '/douyin/webhook' } satisfies DouyinExpressOptions));
 * ```
 */
export interface DouyinExpressOptions {
  /** The path it answers (query ignored, one trailing slash allowed), relative to where it is mounted or in full. Default: every request it gets. */
  path?: string | undefined;
}

/**
 * An express middleware: `app.use(mw)`, `router.use(mw)` or `app.post(path, mw)`.
 *
 * @example
 * ```ts
 * const mw: DouyinExpressMiddleware = douyinWebhook(webhooks, { path: '/douyin/webhook' });
 * ```
 */
export type DouyinExpressMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

const RAW_BODY_FIX =
  "mount douyinWebhook() before express.json(), or parse this path with express.raw({ type: 'application/json' }), " +
  'or keep the bytes: express.json({ verify: (req, _res, buf) => { req.rawBody = buf } })';

// Shared by every request (handleNodeRequest only reads it).
const EXPRESS = { adapter: 'express', rawBodyFix: RAW_BODY_FIX } as const;

/**
 * The express middleware for a receiver: the push receiver (`createDouyinWebhooks`) or an SPI
 * one (`createDouyinSpi`). Other paths go to `next()`. Under `app.use('/api', ...)` the path may
 * be given relative to `/api` (express's way) or in full.
 *
 * @example
 * ```ts
 * app.use(douyinWebhook(webhooks, { path: '/douyin/webhook' }));
 * app.use(douyinWebhook(createDouyinSpi({ scenario: 'fulfilment.order.tripartite_code', clientSecret, handler }), { path: '/douyin/spi/issue' }));
 * ```
 */
export function douyinWebhook(receiver: DouyinReceiver, options: DouyinExpressOptions = {}): DouyinExpressMiddleware {
  const { path } = options;
  return (req, res, next) => {
    // `req.path` is relative to the router's mount point (https://expressjs.com/en/api.html#req.path).
    const { path: relative, originalUrl } = req as IncomingMessage & { path?: string; originalUrl?: string };
    if (!matchesPath(relative ?? req.url, path) && !matchesPath(originalUrl, path)) return next();
    handleNodeRequest(receiver, req, res, EXPRESS).catch(next);
  };
}
