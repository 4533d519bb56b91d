/**
 * Next.js handlers for Douyin Local Life pushes (and SPI calls): one for the App Router
 * (web `Request` → `Response`), one for the Pages Router (Node request, raw body kept).
 *
 * @example
 * ```ts
 * // app/api/douyin/route.ts
 * import { createDouyinRoute } from '@douyin-push/next';
 * import { webhooks } from '@/lib/douyin'; // createDouyinWebhooks({ clientSecret }) + .on(...)
 *
 * export const { POST } = createDouyinRoute(webhooks);
 * ```
 *
 * @packageDocumentation
 */
import type { NextApiRequest, NextApiResponse } from 'next';
// `.js`: next has no exports map, so Node's ESM loader needs the file name.
import { after } from 'next/server.js';
import type { DouyinReceiver, DouyinWebhooksOptions } from '@douyin-push/core';
import { handleNodeRequest, resolveReceiver } from '@douyin-push/core/node';

/**
 * Options of `createDouyinWebhooks`, or a receiver to share (push or SPI).
 *
 * @example
 * ```ts
 * const input: DouyinNextInput = { clientSecret: process.env.DOUYIN_CLIENT_SECRET! };
 * export const { POST } = createDouyinRoute(input);
 * ```
 */
export type DouyinNextInput = DouyinWebhooksOptions | DouyinReceiver;

/**
 * One App Router handler per method, so core (not Next) answers `405` with `Allow: POST`.
 *
 * @example
 * ```ts
 * const handlers: DouyinRouteHandlers = createDouyinRoute(webhooks);
 * export const { POST, GET } = handlers;
 * ```
 */
export type DouyinRouteHandlers = Record<'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS', (request: Request) => Promise<Response>>;

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
 * App Router route handlers. Work that continues past the reply (`ack: 'before-handling'`)
 * is kept alive with Next's `after()`. Runs on the Node.js runtime (the default).
 *
 * @example
 * ```ts
 * // app/api/douyin/route.ts
 * import { createDouyinRoute } from '@douyin-push/next';
 *
 * const route = createDouyinRoute({ clientSecret: process.env.DOUYIN_CLIENT_SECRET! });
 * export const { GET, POST } = route;
 * ```
 */
export function createDouyinRoute(input: DouyinNextInput): DouyinRouteHandlers {
  const receiver: DouyinReceiver = resolveReceiver(input);
  const handler = (request: Request) =>
    receiver.handleRequest(request, { adapter: 'next-app', waitUntil: (promise) => after(promise) });
  return { GET: handler, HEAD: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler, OPTIONS: handler };
}

/**
 * Pages Router API route handler. Next's body parser must be off for this route, or the
 * signed bytes are gone: the push is then answered 500 `RAW_BODY_UNAVAILABLE` with that fix.
 *
 * @example
 * ```ts
 * // pages/api/douyin.ts
 * import { createDouyinPagesHandler } from '@douyin-push/next';
 *
 * // Must be written out here: Next reads it statically from the page file.
 * export const config = { api: { bodyParser: false } };
 * export default createDouyinPagesHandler({ clientSecret: process.env.DOUYIN_CLIENT_SECRET! });
 * ```
 */
export function createDouyinPagesHandler(input: DouyinNextInput): DouyinPagesHandler {
  const receiver: DouyinReceiver = resolveReceiver(input);
  return async (req, res) => {
    await handleNodeRequest(receiver, req, res, { adapter: 'next-pages', parsedBody: req.body });
  };
}
