import { fetchHandler } from './app.js';

/** A Workers module (workerd via Miniflare), without `nodejs_compat`. */
export default {
  fetch(request: Request, _env: unknown, ctx: { waitUntil(promise: Promise<unknown>): void }): Promise<Response> {
    return fetchHandler(request, (promise) => ctx.waitUntil(promise));
  },
};
