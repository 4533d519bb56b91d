/**
 * `@douyin-push/koa`: receive Douyin Local Life pushes (and SPI calls) in a koa 2 or 3 app with
 * one `app.use`, before or after a body parser (its `ctx.request.rawBody` is used when present).
 *
 * @example
 * ```ts
 * import Koa from 'koa';
 * import { douyinWebhook } from '@douyin-push/koa';
 *
 * const douyin = douyinWebhook({ clientSecret: process.env.DOUYIN_CLIENT_SECRET!, path: '/douyin/webhook' });
 * douyin.on('life_trade_order_notify.pay_success', (event) => console.log('paid', event.content.order.order_id));
 * new Koa().use(douyin).listen(3000);
 * ```
 *
 * @packageDocumentation
 */
import type { IncomingMessage } from 'node:http';
import type { DouyinReceiver, DouyinWebhooks, DouyinWebhooksOptions } from '@douyin-push/core';
import { matchesPath, mountable, readNodeBody, resolveMount, type MountOptions, type Mounted } from '@douyin-push/core/node';

/** Options of the koa middleware besides the receiver's. */
export type DouyinKoaOptions = MountOptions;

/** What the middleware uses of koa's context (structural, so koa 2 and 3 types both fit). */
export interface DouyinKoaContext {
  req: IncomingMessage;
  method: string;
  path: string;
  originalUrl: string;
  headers: IncomingMessage['headers'];
  /** Read for `body` / `rawBody` a body parser left (typed loosely: koa's own types declare neither). */
  request: object;
  status: number;
  body: unknown;
  set(fields: Record<string, string>): void;
}

type ParsedRequest = { body?: unknown; rawBody?: unknown };

/**
 * A koa middleware: `app.use(douyin)` or `router.post(path, douyin)`.
 *
 * @example
 * ```ts
 * const douyin: DouyinKoaMiddleware = douyinWebhook({ clientSecret, path: '/douyin/webhook' });
 * douyin.on('life_product_status_change', (e) => console.log(e.content.status));
 * ```
 */
export type DouyinKoaMiddleware<R extends DouyinReceiver = DouyinWebhooks> = Mounted<
  (ctx: DouyinKoaContext, next: () => Promise<unknown>) => Promise<unknown>,
  R
>;

/**
 * The koa middleware. Give it options (it creates the push receiver, and exposes `.on`,
 * `.onAny`, `.onError`, `.off`) or any receiver: a shared `createDouyinWebhooks(...)` or an SPI
 * receiver from `@douyin-push/core/spi`. Other paths go to `next()`; `path` is relative to a
 * `koa-mount` prefix, and core gets the full `originalUrl` (path + query).
 *
 * @example
 * ```ts
 * const webhooks = createDouyinWebhooks({ clientSecret });
 * app.use(douyinWebhook(webhooks, { path: '/douyin/webhook' }));
 * app.use(douyinWebhook(createDouyinSpi({ scenario: 'order.status_query', clientSecret, handler }), { path: '/douyin/spi/status' }));
 * ```
 */
export function douyinWebhook(options: DouyinWebhooksOptions & DouyinKoaOptions): DouyinKoaMiddleware<DouyinWebhooks>;
export function douyinWebhook<R extends DouyinReceiver>(receiver: R, options?: DouyinKoaOptions): DouyinKoaMiddleware<R>;
export function douyinWebhook(
  input: DouyinReceiver | (DouyinWebhooksOptions & DouyinKoaOptions),
  options?: DouyinKoaOptions,
): DouyinKoaMiddleware<DouyinReceiver> {
  const { receiver, path } = resolveMount(input, options);
  return mountable(async (ctx: DouyinKoaContext, next: () => Promise<unknown>) => {
    if (!matchesPath(ctx.path, path)) return next();
    const reply = await receiver.handle({
      method: ctx.method,
      url: ctx.originalUrl,
      headers: ctx.headers,
      // koa-bodyparser and @koa/bodyparser keep the text they parsed in `ctx.request.rawBody`.
      body: () =>
        readNodeBody(ctx.req, {
          maxBodyBytes: receiver.maxBodyBytes,
          adapter: 'koa',
          rawBody: (ctx.request as ParsedRequest).rawBody,
          parsedBody: (ctx.request as ParsedRequest).body,
        }),
      adapter: 'koa',
    });
    ctx.status = reply.status;
    ctx.set(reply.headers);
    ctx.body = reply.body;
  }, receiver);
}
