import { readWebBody } from './body.js';
import type { DouyinReceiver, DouyinReply, DouyinRequest } from './receiver.js';

/**
 * Builds the web-standard entry of a receiver from its `handle`: `Request` in, `Response` out.
 * The URL passed on is path + query, which SPI signatures cover.
 *
 * @example
 * ```ts
 * const handleRequest = createWebHandler((req) => receiver.handle(req), 1024 * 1024);
 * export const POST = handleRequest;
 * ```
 */
export function createWebHandler(
  handle: (request: DouyinRequest) => Promise<DouyinReply>,
  maxBodyBytes: number,
): DouyinReceiver['handleRequest'] {
  return async (request, extra) => {
    const url = new URL(request.url, 'http://localhost');
    const reply = await handle({
      method: request.method,
      url: url.pathname + url.search,
      headers: request.headers,
      body: () => readWebBody(request, maxBodyBytes),
      adapter: extra?.adapter ?? 'web',
      waitUntil: extra?.waitUntil,
    });
    return new Response(reply.body, { status: reply.status, headers: reply.headers });
  };
}
