/**
 * How each adapter is started for the shared suites (contract, reliability catalogue, slow
 * clients): the recommended setup, the receiver mounted at `path` on a real server on
 * 127.0.0.1 port 0, with an ordinary JSON route beside it (`echoPath`) where the framework has one.
 */
import { createServer } from 'node:http';
import type expressApp from 'express';
import express5 from 'express';
import express4 from 'express4';
import Fastify from 'fastify';
import type KoaApp from 'koa';
import Koa3 from 'koa';
import Koa2 from 'koa2';
import koaBodyParser from 'koa-bodyparser';
import { toNodeListener } from '@douyin-push/core/node';
import { douyinWebhook as expressWebhook } from '@douyin-push/express';
import { douyinPush } from '@douyin-push/fastify';
import { douyinWebhook as koaWebhook } from '@douyin-push/koa';
import type { ContractStart } from './suite.js';
import { listen, serve, serveWeb } from './servers.js';

/** A koa app that keeps errors off stderr (the suite reads them from replies). */
export function quietKoa(Koa: typeof KoaApp): KoaApp {
  const koa = new Koa();
  koa.silent = true;
  return koa;
}

/** express: the middleware first, the app's own JSON parser after it. */
export function expressStart(express: typeof expressApp): ContractStart {
  return async ({ receiver, path }) => {
    const app = express();
    app.use(expressWebhook(receiver, { path }));
    app.use(express.json());
    app.post('/contract/echo', (req, res) => {
      res.json(req.body);
    });
    return listen(createServer(app), { echoPath: '/contract/echo' });
  };
}

/** koa: the middleware first, koa-bodyparser and a JSON echo route after it. */
export function koaStart(Koa: typeof KoaApp): ContractStart {
  return async ({ receiver, path }) => {
    const koa = quietKoa(Koa);
    koa.use(koaWebhook(receiver, { path }));
    koa.use(koaBodyParser());
    koa.use(async (ctx, next) => {
      if (ctx.path === '/contract/echo') ctx.body = (ctx.request as { body?: unknown }).body;
      else await next();
    });
    return listen(createServer(koa.callback()), { echoPath: '/contract/echo' });
  };
}

/** fastify: the plugin registered next to an ordinary JSON route (which must keep Fastify's parser). */
export const fastifyStart: ContractStart = async ({ receiver, path }) => {
  const app = Fastify();
  await app.register(douyinPush, { receiver, path });
  app.post('/contract/echo', async (request) => request.body);
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  return { origin, close: () => app.close(), echoPath: '/contract/echo' };
};

/** core's plain node:http listener. */
export const nodeStart: ContractStart = ({ receiver, path }) => serve(toNodeListener(receiver, { path }));

/**
 * core's web-standard entry (`receiver.handleRequest(Request)`), as Next.js App Router, Hono,
 * Bun or Deno call it; servers.ts only turns the node request into a web Request.
 */
export const webStart: ContractStart = ({ receiver, path }) => serveWeb(receiver, path);

/** Name and start() of every adapter that can be given a receiver (Next.js is built apart: test/next). */
export const adapters: readonly { name: string; start: ContractStart }[] = [
  { name: 'node:http', start: nodeStart },
  { name: 'express 5', start: expressStart(express5) },
  { name: 'express 4', start: expressStart(express4 as unknown as typeof express5) },
  { name: 'koa 3', start: koaStart(Koa3) },
  { name: 'koa 2', start: koaStart(Koa2 as unknown as typeof Koa3) },
  { name: 'fastify 5', start: fastifyStart },
  { name: 'web Request', start: webStart },
];
