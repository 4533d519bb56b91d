import { createServer } from 'node:http';
import Koa from 'koa';
import Koa2 from 'koa2';
import type { DouyinReceiver } from '@douyin-push/core';
import { douyinWebhook } from '@douyin-push/koa';
import { listen } from '../contract/servers.js';
import { spiContract, type Start } from './contract.js';

function startWith(Framework: typeof Koa): Start {
  return async (routes: Record<string, DouyinReceiver>) => {
    const app = new Framework();
    for (const [path, receiver] of Object.entries(routes)) app.use(douyinWebhook(receiver, { path }) as never);
    const { origin, close } = await listen(createServer(app.callback()));
    return { url: origin, close };
  };
}

spiContract('koa 3', startWith(Koa));
spiContract('koa 2', startWith(Koa2));
