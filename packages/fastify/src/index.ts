/**
 * Fastify plugin for Douyin Local Life pushes (and SPI calls): one route that keeps the raw
 * body bytes Douyin signed, while the rest of your app keeps its own JSON parsing.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { douyinPush } from '@douyin-push/fastify';
 *
 * const app = Fastify();
 * await app.register(douyinPush, { clientSecret: process.env.DOUYIN_CLIENT_SECRET!, path: '/douyin/push' });
 * app.douyin.on('life_trade_order_notify', ({ content }) => app.log.info(content.order.order_id));
 * await app.listen({ port: 3000 });
 * ```
 *
 * @packageDocumentation
 */
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bodyTooLarge, configError, createDouyinWebhooks } from '@douyin-push/core';
import { isDouyinWebhooks } from '@douyin-push/core/node';
import type { BodySource, DouyinReceiver, DouyinWebhooks, DouyinWebhooksOptions } from '@douyin-push/core';

declare module 'fastify' {
  interface FastifyInstance {
    /** The push receiver registered by `@douyin-push/fastify`: add handlers with `on(...)`. */
    douyin: DouyinWebhooks;
  }
}

/**
 * Options of {@link douyinPush}: the route `path` plus either the options of
 * `createDouyinWebhooks` or an existing `receiver` (a shared `createDouyinWebhooks(...)`
 * instance, or an SPI receiver from `@douyin-push/core/spi`).
 *
 * @example
 * ```ts
 * await app.register(douyinPush, { receiver: createDouyinWebhooks({ clientSecret }), path: '/douyin/push' });
 * ```
 */
export type DouyinPushFastifyOptions = { path: string } & (DouyinWebhooksOptions | { receiver: DouyinReceiver });

async function plugin(fastify: FastifyInstance, options: DouyinPushFastifyOptions): Promise<void> {
  if (typeof options.path !== 'string' || !options.path.startsWith('/')) {
    throw configError('@douyin-push/fastify: pass the route as `path`, e.g. { path: "/douyin/push" } (fastify-plugin ignores `prefix`)');
  }
  const receiver = 'receiver' in options ? options.receiver : createDouyinWebhooks(options);
  // Only the push receiver has the event API behind `app.douyin`; SPI receivers just mount.
  if (isDouyinWebhooks(receiver)) {
    if (!fastify.hasDecorator('douyin')) fastify.decorate('douyin', receiver);
    else if (fastify.douyin !== receiver) {
      throw configError(
        '@douyin-push/fastify: `douyin` is already registered on this instance. To serve several paths, create one receiver with createDouyinWebhooks() and register it as { receiver, path } for each path.',
      );
    }
  }

  // The buffer parser lives in this child scope only, so sibling routes keep their JSON parser.
  await fastify.register(async (scope) => {
    const bodyLimit = receiver.maxBodyBytes;
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_req, body, done) => done(null, body));

    const answer = async (request: FastifyRequest, reply: FastifyReply, body: BodySource | undefined) => {
      const result = await receiver.handle({ method: request.method, url: request.url, headers: request.headers, body, adapter: 'fastify' });
      return reply.code(result.status).headers(result.headers).send(result.body);
    };
    // Route bodyLimit too: it wins over the parser's, and must not fall back to the server's.
    scope.all(options.path, { bodyLimit }, (request, reply) => answer(request, reply, request.body as Buffer | undefined));
    // Fastify refuses an oversized body before the handler; hand that to core so the reply
    // (status, body, onError report) is core's. https://fastify.dev/docs/latest/Reference/Errors/#fst_err_ctp_body_too_large
    scope.setErrorHandler((error: { code?: string }, request, reply) => {
      if (error.code !== 'FST_ERR_CTP_BODY_TOO_LARGE') throw error;
      return answer(request, reply, () => Promise.reject(bodyTooLarge(bodyLimit)));
    });
  });
}

/**
 * The plugin: registers the push route at `path` and decorates the instance with `douyin`
 * (the `createDouyinWebhooks` receiver) so you can add handlers with `app.douyin.on(...)`.
 *
 * @example
 * ```ts
 * await app.register(douyinPush, { clientSecret: process.env.DOUYIN_CLIENT_SECRET!, path: '/douyin/push' });
 * app.douyin.on('life_trade_certificate_notify', async ({ content }) => { await save(content); });
 * ```
 */
export const douyinPush = fp(plugin, { name: '@douyin-push/fastify', fastify: '5.x' });

export default douyinPush;
