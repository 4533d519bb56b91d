/**
 * `@douyin-push/hono`: receive Douyin Local Life pushes (and SPI calls) in a Hono app, on Node,
 * Bun, Deno, Cloudflare Workers or Vercel Edge. Register it before anything that reads the body.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { createDouyinWebhooks } from '@douyin-push/core';
 * import { douyinWebhook } from '@douyin-push/hono';
 *
 * const webhooks = createDouyinWebhooks({ clientSecret: process.env.DOUYIN_CLIENT_SECRET! });
 * webhooks.on('life_trade_certificate_notify', async (event) => console.log(event.content.certificate.certificate_id));
 *
 * const app = new Hono();
 * app.use(douyinWebhook(webhooks, { path: '/douyin/webhook' }));
 * export default app;
 * ```
 *
 * @packageDocumentation
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { DouyinReceiver } from '@douyin-push/core';
import { matchesPath, rawBodyUnavailable } from '@douyin-push/core/adapter';

/**
 * Where the middleware answers.
 *
 * @example
 * ```ts
 * app.use(douyinWebhook(webhooks, { path: '/douyin/webhook' } satisfies DouyinHonoOptions));
 * ```
 */
export interface DouyinHonoOptions {
  /** The full request path to answer (`c.req.path`, query ignored); others go to `next()`. Default: every request. */
  path?: string | undefined;
}

/**
 * The Hono middleware for any receiver (`createDouyinWebhooks(...)` or an SPI receiver): hands
 * `c.req.raw` to `receiver.handleRequest`, with the Workers `waitUntil` where there is one.
 *
 * @example
 * ```ts
 * app.use(douyinWebhook(webhooks, { path: '/douyin/webhook' }));
 * app.post('/douyin/spi/issue', douyinWebhook(createDouyinSpi({ scenario, clientSecret, handler })));
 * ```
 */
export function douyinWebhook(receiver: DouyinReceiver, options: DouyinHonoOptions = {}): MiddlewareHandler {
  return async (c, next) => {
    if (!matchesPath(c.req.path, options.path)) return next();
    const extra = { adapter: 'hono', waitUntil: waitUntilOf(c) };
    const raw = c.req.raw;
    if (!raw.bodyUsed && !raw.body?.locked) return receiver.handleRequest(raw, extra);
    // An earlier middleware read the body. c.req.json()/text()/arrayBuffer() keep it in
    // bodyCache (json() caches the text): those bytes are the ones Douyin signed.
    const kept = (c.req.bodyCache.arrayBuffer ?? c.req.bodyCache.text) as Promise<ArrayBuffer | string> | undefined;
    if (kept) return receiver.handleRequest(new Request(raw.url, { method: raw.method, headers: raw.headers, body: await kept }), extra);
    const url = new URL(raw.url);
    const reply = await receiver.handle({
      ...extra,
      method: raw.method,
      url: url.pathname + url.search,
      headers: raw.headers,
      body: () => Promise.reject(rawBodyUnavailable('hono', RAW_BODY_FIX)),
    });
    return new Response(reply.body, { status: reply.status, headers: reply.headers });
  };
}

// `c.executionCtx` throws outside Workers (https://hono.dev/docs/api/context#executionctx).
function waitUntilOf(c: Context): ((promise: Promise<unknown>) => void) | undefined {
  try {
    const ctx = c.executionCtx;
    return (promise) => ctx.waitUntil(promise);
  } catch {
    return undefined;
  }
}

const RAW_BODY_FIX =
  'register douyinWebhook() before middleware that reads the body, or read it there with c.req.json()/c.req.text() (Hono keeps those bytes), not c.req.raw';
