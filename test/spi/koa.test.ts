import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import Koa2 from 'koa2';
import type { DouyinReceiver } from '@douyin-push/core';
import { douyinWebhook } from '@douyin-push/koa';
import { spiContract, type Start } from './contract.js';

function startWith(Framework: typeof Koa): Start {
  return async (routes: Record<string, DouyinReceiver>) => {
    const app = new Framework();
    for (const [path, receiver] of Object.entries(routes)) app.use(douyinWebhook(receiver, { path }) as never);
    const server = await new Promise<Server>((resolve) => {
      const s: Server = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
    };
  };
}

spiContract('koa 3', startWith(Koa));
spiContract('koa 2', startWith(Koa2));
