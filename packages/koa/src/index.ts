/**
 * `@douyin-push/koa`: receive Douyin Local Life pushes (and SPI calls) in a koa 2 or 3 app.
 * Mount it before any body parser: Douyin signs the exact bytes.
 *
 * @example
 * ```ts
 * import Koa from 'koa';
 * import { createDouyinWebhooks } from '@douyin-push/core';
 * import { douyinWebhook } from '@douyin-push/koa';
 *
 * const webhooks = createDouyinWebhooks({ clientSecret: process.env.DOUYIN_CLIENT_SECRET });
 * webhooks.on('life_trade_order_notify', (event) => console.log(event.content.order.order_id));
 * new Koa().use(douyinWebhook(webhooks, { path: '/douyin/webhook' })).listen(3000);
 * ```
 *
 * @packageDocumentation
 */
import type { IncomingMessage } from 'node:http';
import type { DouyinReceiver } from '@douyin-push/core';
import { matchesPath, readNodeBody } from '@douyin-push/core/adapter';

/**
 * Where the middleware answers.
 *
 * @example
 * ```ts
 * app.use(mount('/api', douyinWebhook(webhooks, { path: '/douyin/webhook' } satisfies DouyinKoaOptions)));
 * ```
 */
export interface DouyinKoaOptions {
  /** The path it answers (query ignored, one trailing slash allowed), relative to a koa-mount prefix or in full. Default: every request. */
  path?: string | undefined;
}

/**
 * What the middleware uses of koa's context (structural, so koa 2 and 3 types both fit).
 *
 * @example
 * ```ts
 * const seen = (ctx: DouyinKoaContext) => ctx.originalUrl;
 * ```
 */
export interface DouyinKoaContext {
  req: IncomingMessage;
  method: string;
  path: string;
  originalUrl: string;
  headers: IncomingMessage['headers'];
  /** Read for `body` / `rawBody` a body parser left (koa's own types declare neither). */
  request: object;
  status: number;
  body: unknown;
  set(fields: Record<string, string>): void;
}

/**
 * A koa middleware: `app.use(mw)` or `router.post(path, mw)`.
 *
 * @example
 * ```ts
 * const mw: DouyinKoaMiddleware = douyinWebhook(webhooks, { path: '/douyin/webhook' });
 * ```
 */
export type DouyinKoaMiddleware = (ctx: DouyinKoaContext, next: () => Promise<unknown>) => Promise<unknown>;

const RAW_BODY_FIX =
  'mount douyinWebhook() before the body parser, or use one that keeps ctx.request.rawBody (koa-bodyparser, @koa/bodyparser)';

/**
 * The koa middleware for a receiver: the push receiver (`createDouyinWebhooks`) or an SPI one
 * (`createDouyinSpi`). Other paths go to `next()`.
 *
 * @example
 * ```ts
 * app.use(douyinWebhook(webhooks, { path: '/douyin/webhook' }));
 * app.use(douyinWebhook(createDouyinSpi({ scenario: 'order.status_query', clientSecret, handler }), { path: '/douyin/spi/status' }));
 * ```
 */
export function douyinWebhook(receiver: DouyinReceiver, options: DouyinKoaOptions = {}): DouyinKoaMiddleware {
  const { path } = options;
  return async (ctx, next) => {
    if (!matchesPath(ctx.path, path) && !matchesPath(ctx.originalUrl, path)) return next();
    const parsed = ctx.request as { body?: unknown; rawBody?: unknown };
    const reply = await receiver.handle({
      method: ctx.method,
      url: ctx.originalUrl,
      headers: ctx.headers,
      // koa-bodyparser and @koa/bodyparser keep the text they parsed in `ctx.request.rawBody`.
      body: () =>
        readNodeBody(ctx.req, {
          maxBodyBytes: receiver.maxBodyBytes,
          bodyTimeoutMs: receiver.bodyTimeoutMs,
          adapter: 'koa',
          rawBodyFix: RAW_BODY_FIX,
          rawBody: parsed.rawBody,
          parsedBody: parsed.body,
        }),
      adapter: 'koa',
    });
    ctx.status = reply.status;
    ctx.set(reply.headers);
    ctx.body = reply.body;
  };
}
