/**
 * Every adapter, started the way the contract suite starts it: the receiver mounted at a path on
 * a real server on 127.0.0.1 port 0. The contract's start() functions live inside its *.test.ts
 * files (importing those would register the whole contract suite here), so they are mirrored
 * below on the contract's own glue (`listen`, `serve`, `serveWeb`); when test/contract exports
 * them from plain modules, import them instead.
 */
import { createServer } from 'node:http';
import express5 from 'express';
import express4 from 'express4';
import Fastify from 'fastify';
import Koa3 from 'koa';
import Koa2 from 'koa2';
import koaBodyParser from 'koa-bodyparser';
import { toNodeListener } from '@douyin-push/core/node';
import { douyinWebhook as expressWebhook } from '@douyin-push/express';
import { douyinPush } from '@douyin-push/fastify';
import { douyinWebhook as koaWebhook } from '@douyin-push/koa';
import { listen, serve, serveWeb } from '../contract/servers.js';
import type { ContractStart } from '../contract/suite.js';

function expressStart(express: typeof express5): ContractStart {
  return async ({ receiver, path }) => {
    const app = express();
    app.use(expressWebhook(receiver, { path }));
    app.use(express.json());
    return listen(createServer(app));
  };
}

function koaStart(Koa: typeof Koa3): ContractStart {
  return async ({ receiver, path }) => {
    const app = new Koa();
    app.silent = true;
    app.use(koaWebhook(receiver, { path }));
    app.use(koaBodyParser());
    return listen(createServer(app.callback()));
  };
}

const fastifyStart: ContractStart = async ({ receiver, path }) => {
  const app = Fastify();
  await app.register(douyinPush, { receiver, path });
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  return { origin, close: () => app.close() };
};

/** Name and start() of every adapter. */
export const adapters: readonly { name: string; start: ContractStart }[] = [
  { name: 'node:http', start: ({ receiver, path }) => serve(toNodeListener(receiver, { path })) },
  { name: 'express 5', start: expressStart(express5) },
  { name: 'express 4', start: expressStart(express4 as unknown as typeof express5) },
  { name: 'koa 3', start: koaStart(Koa3) },
  { name: 'koa 2', start: koaStart(Koa2 as unknown as typeof Koa3) },
  { name: 'fastify 5', start: fastifyStart },
  { name: 'web Request', start: ({ receiver, path }) => serveWeb(receiver, path) },
];
