/**
 * `@douyin-push/hono`: receive Douyin Local Life pushes (and SPI calls) in a Hono app, on Node,
 * Bun, Deno, Cloudflare Workers or Vercel Edge. Register it before anything that reads the body.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { createDouyinWebhooks } from '@douyin-push/core';
 * import { douyinHono } from '@douyin-push/hono';
 *
 * const webhooks = createDouyinWebhooks({ clientSecret: process.env.DOUYIN_CLIENT_SECRET! });
 * webhooks.on('life_trade_certificate_notify', async (event) => console.log(event.content.certificate.certificate_id));
 *
 * const app = new Hono();
 * app.use(douyinHono(webhooks, { path: '/douyin/webhook' }));
 * export default app;
 * ```
 *
 * @packageDocumentation
 */
import type { Context, MiddlewareHandler } from 'hono';
import { DouyinPushError, type DouyinReceiver } from '@douyin-push/core';

/**
 * Where the middleware answers.
 *
 * @example
 * ```ts
 * app.use(douyinHono(webhooks, { path: '/douyin/webhook' } satisfies DouyinHonoOptions));
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
 * app.use(douyinHono(webhooks, { path: '/douyin/webhook' }));
 * app.post('/douyin/spi/issue', douyinHono(createDouyinSpi({ scenario, clientSecret, handler })));
 * ```
 */
export function douyinHono(receiver: DouyinReceiver, options: DouyinHonoOptions = {}): MiddlewareHandler {
  return async (c, next) => {
    if (options.path !== undefined && c.req.path !== options.path) return next();
    const extra = { adapter: 'hono', waitUntil: waitUntilOf(c) };
    const raw = c.req.raw;
    if (!raw.bodyUsed && !raw.body?.locked) return receiver.handleRequest(raw, extra);
    // An earlier middleware read the body. c.req.json()/text()/arrayBuffer() keep it in
    // bodyCache (json() caches the text): those bytes are the ones Douyin signed.
    const kept = (c.req.bodyCache.arrayBuffer ?? c.req.bodyCache.text) as Promise<ArrayBuffer | string> | undefined;
    if (kept) return receiver.handleRequest(new Request(raw.url, { method: raw.method, headers: raw.headers, body: await kept }), extra);
    const url = new URL(raw.url);
    const reply = await receiver.handle({ ...extra, method: raw.method, url: url.pathname + url.search, headers: raw.headers, body: () => Promise.reject(rawBodyUnavailable()) });
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

function rawBodyUnavailable(): DouyinPushError {
  return new DouyinPushError(
    'RAW_BODY_UNAVAILABLE',
    500,
    '@douyin-push/hono: the request body was already read and only a parsed copy is left, but Douyin signs the exact bytes. ' +
      'Fix: register douyinHono() before middleware that reads the body, or read it there with c.req.json()/c.req.text() (Hono keeps those bytes), not c.req.raw.',
  );
}
