/**
 * Next.js handlers for Douyin Local Life pushes (and SPI calls): one for the App Router
 * (web `Request` → `Response`), one for the Pages Router (Node request, raw body kept).
 *
 * @example
 * ```ts
 * // app/api/douyin/route.ts
 * import { createDouyinWebhooks } from '@douyin-push/core';
 * import { createDouyinRoute } from '@douyin-push/next';
 *
 * const webhooks = createDouyinWebhooks({ clientSecret: process.env.DOUYIN_CLIENT_SECRET });
 * webhooks.on('life_trade_order_notify', (event) => console.log(event.content.order.order_id));
 * export const { POST } = createDouyinRoute(webhooks);
 * ```
 *
 * @packageDocumentation
 */
import type { NextApiRequest, NextApiResponse } from 'next';
// `.js`: next has no exports map, so Node's ESM loader needs the file name.
import { after } from 'next/server.js';
import type { DouyinReceiver } from '@douyin-push/core';
import { handleNodeRequest } from '@douyin-push/core/adapter';

/**
 * One App Router handler per method, so core (not Next) answers `405` with `Allow: POST`.
 *
 * @example
 * ```ts
 * const handlers: DouyinRouteHandlers = createDouyinRoute(webhooks);
 * export const { POST, GET } = handlers;
 * ```
 */
export type DouyinRouteHandlers = Record<
  'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS',
  (request: Request) => Promise<Response>
>;

/**
 * A Pages Router API route handler.
 *
 * @example
 * ```ts
 * const handler: DouyinPagesHandler = createDouyinPagesHandler(webhooks);
 * export default handler;
 * ```
 */
export type DouyinPagesHandler = (req: NextApiRequest, res: NextApiResponse) => Promise<void>;

/**
 * App Router route handlers for a receiver (push or SPI). Work that continues past the reply
 * (`ack: 'before-handling'`) is kept alive with Next's `after()`.
 *
 * @example
 * ```ts
 * export const { GET, POST } = createDouyinRoute(webhooks);
 * ```
 */
export function createDouyinRoute(receiver: DouyinReceiver): DouyinRouteHandlers {
  const handler = (request: Request) => receiver.handleRequest(request, { adapter: 'next-app', waitUntil: (promise) => after(promise) });
  return { GET: handler, HEAD: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler, OPTIONS: handler };
}

/**
 * Pages Router API route handler for a receiver. Next's body parser must be off for this
 * route, or the signed bytes are gone: the push is then answered 500 `RAW_BODY_UNAVAILABLE`
 * with that fix.
 *
 * @example
 * ```ts
 * // pages/api/douyin.ts: the config must be written out here (Next reads it statically).
 * export const config = { api: { bodyParser: false } };
 * export default createDouyinPagesHandler(webhooks);
 * ```
 */
export function createDouyinPagesHandler(receiver: DouyinReceiver): DouyinPagesHandler {
  return async (req, res) => {
    await handleNodeRequest(receiver, req, res, {
      adapter: 'next-pages',
      parsedBody: req.body,
      rawBodyFix: 'add `export const config = { api: { bodyParser: false } }` to this API route',
    });
  };
}
