/**
 * Fastify plugin for Douyin Local Life pushes (and SPI calls): one route that keeps the raw
 * body bytes Douyin signed, while the rest of your app keeps its own JSON parsing.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { createDouyinWebhooks } from '@douyin-push/core';
 * import { douyinPush } from '@douyin-push/fastify';
 *
 * const webhooks = createDouyinWebhooks({ clientSecret: process.env.DOUYIN_CLIENT_SECRET });
 * webhooks.on('life_trade_order_notify', ({ content }) => console.log(content.order.order_id));
 * const app = Fastify();
 * await app.register(douyinPush, { receiver: webhooks, path: '/douyin/webhook' });
 * await app.listen({ port: 3000 });
 * ```
 *
 * @packageDocumentation
 */
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DouyinReceiver, DouyinWebhooks } from '@douyin-push/core';
import { configError, isDouyinWebhooks, requestPath, type BodySource } from '@douyin-push/core/adapter';
import { bodyDone, bodyFailure, kBodyDeadline, keepBytes, watchBody } from './body.js';
import { sendReply } from './reply.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The push receiver registered with `@douyin-push/fastify`: add handlers with `app.douyin.on(...)`. */
    douyin: DouyinWebhooks;
  }
}

/**
 * Options of {@link douyinPush}: the receiver (push or SPI), its route, and an optional prefix.
 *
 * @example
 * ```ts
 * await app.register(douyinPush, { receiver: webhooks, path: '/douyin/webhook', prefix: '/api' } satisfies DouyinPushFastifyOptions);
 * ```
 */
export interface DouyinPushFastifyOptions {
  receiver: DouyinReceiver;
  /** The route, e.g. `/douyin/webhook`; the same path with a trailing slash is served too. */
  path: string;
  /** Prepended to `path` (fastify-plugin ignores the usual register `prefix` otherwise). */
  prefix?: string | undefined;
}

async function plugin(fastify: FastifyInstance, options: DouyinPushFastifyOptions): Promise<void> {
  const { receiver, path } = options;
  if (typeof receiver?.handle !== 'function')
    throw configError('@douyin-push/fastify: pass `receiver` (createDouyinWebhooks() or createDouyinSpi()).');
  if (typeof path !== 'string' || !path.startsWith('/'))
    throw configError('@douyin-push/fastify: pass the route as `path`, e.g. { path: "/douyin/webhook" }.');
  if (isDouyinWebhooks(receiver) && fastify.douyin !== receiver) {
    if (fastify.hasDecorator('douyin'))
      throw configError('@douyin-push/fastify: another push receiver is already `app.douyin`; register one receiver for every path.');
    fastify.decorate('douyin', receiver);
  }
  // The raw-body parser lives in this child scope only, so sibling routes keep their JSON parser.
  // Fastify's own reader takes the bytes (limit included); core takes them from there.
  await fastify.register(
    async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: receiver.maxBodyBytes }, keepBytes);
      scope.decorateRequest(kBodyDeadline, null);
      scope.addHook('onRequest', (request, reply, done) => {
        watchBody(request, receiver.bodyTimeoutMs, (error) => answer(receiver, request, reply, () => Promise.reject(error)));
        done();
      });
      scope.setErrorHandler((error, request, reply) => {
        bodyDone(request);
        // Already answered (the deadline's 408): this is the stalled upload ending, nothing to add.
        if (reply.sent) return;
        const failure = bodyFailure(error, receiver.maxBodyBytes, reply);
        if (!failure) throw error; // not the body's: the parent scope's error handler takes it
        answer(receiver, request, reply, () => Promise.reject(failure));
      });
      const handler = (request: FastifyRequest, reply: FastifyReply): void => {
        bodyDone(request);
        if (!reply.sent) answer(receiver, request, reply, request.body as Uint8Array | undefined);
      };
      const route = requestPath(path);
      scope.all(route, handler);
      if (route !== '/' && !scope.initialConfig.ignoreTrailingSlash) scope.all(`${route}/`, handler);
    },
    { prefix: options.prefix ?? '' },
  );
}

/**
 * Hands one request to the receiver and writes its reply. Not `async`: a reply is a thenable, so
 * an async handler that returns it costs fastify a thenable job and a second settle per request;
 * a handler that returns nothing and sends later is fastify's callback style
 * (fastify.dev/docs/latest/Reference/Routes).
 */
function answer(receiver: DouyinReceiver, request: FastifyRequest, reply: FastifyReply, body: BodySource | undefined): void {
  void receiver
    .handle({ method: request.method, url: request.raw.url, headers: request.headers, body, adapter: 'fastify' })
    // handle() never rejects; sendReply hands a throw while writing to fastify's error handler.
    .then((result) => sendReply(reply, result));
}

/**
 * The plugin: serves `receiver` at `path` and, for the push receiver, decorates the instance with
 * `douyin` (typed: `app.douyin.on(...)`).
 *
 * @example
 * ```ts
 * await app.register(douyinPush, { receiver: createDouyinWebhooks({ clientSecret }), path: '/douyin/webhook' });
 * app.douyin.on('life_trade_certificate_notify', async ({ content }) => { await save(content); });
 * ```
 */
export const douyinPush = fp(plugin, { name: '@douyin-push/fastify', fastify: '5.x' });
