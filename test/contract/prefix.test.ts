// Mounting under a path prefix, the way each framework's users do it (issue 15): the whole
// contract runs against `<origin>/api`, so every case proves the prefixed mount.
import { createServer } from 'node:http';
import express from 'express';
import Fastify from 'fastify';
import Koa from 'koa';
import mount from 'koa-mount';
import { douyinWebhook as expressWebhook } from '@douyin-push/express';
import { douyinPush } from '@douyin-push/fastify';
import { douyinWebhook as koaWebhook } from '@douyin-push/koa';
import { describeContract, type ContractStart } from './suite.js';
import { listen } from './servers.js';
import { quietKoa } from './starts.js';

const PREFIX = '/api';
const prefixed =
  (start: ContractStart): ContractStart =>
  async (mountInfo) => {
    const server = await start(mountInfo);
    return { ...server, origin: `${server.origin}${PREFIX}` };
  };

describeContract(
  "express: app.use('/api', douyinWebhook(receiver, { path })) with path relative to the mount",
  prefixed(async ({ receiver, path }) => {
    const app = express();
    app.use(PREFIX, expressWebhook(receiver, { path }));
    return listen(createServer(app));
  }),
);

describeContract(
  "express: app.use('/api', douyinWebhook(receiver, { path: '/api/…' })) with the full path",
  prefixed(async ({ receiver, path }) => {
    const app = express();
    app.use(PREFIX, expressWebhook(receiver, { path: `${PREFIX}${path}` }));
    return listen(createServer(app));
  }),
);

describeContract(
  "express: a Router mounted at '/api'",
  prefixed(async ({ receiver, path }) => {
    const router = express.Router();
    router.use(expressWebhook(receiver, { path }));
    const app = express();
    app.use(PREFIX, router);
    return listen(createServer(app));
  }),
);

describeContract(
  "fastify: register(douyinPush, { receiver, path, prefix: '/api' })",
  prefixed(async ({ receiver, path }) => {
    const app = Fastify();
    await app.register(douyinPush, { receiver, path, prefix: PREFIX });
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    return { origin, close: () => app.close() };
  }),
);

describeContract(
  "fastify: douyinPush inside a plugin registered with { prefix: '/api' }",
  prefixed(async ({ receiver, path }) => {
    const app = Fastify();
    await app.register(async (api) => api.register(douyinPush, { receiver, path }), { prefix: PREFIX });
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    return { origin, close: () => app.close() };
  }),
);

describeContract(
  "koa: mount('/api', douyinWebhook(receiver, { path })) with koa-mount",
  prefixed(async ({ receiver, path }) => {
    const app = quietKoa(Koa);
    app.use(mount(PREFIX, koaWebhook(receiver, { path }) as never));
    return listen(createServer(app.callback()));
  }),
);
