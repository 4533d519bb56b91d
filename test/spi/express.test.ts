import { createServer } from 'node:http';
import express from 'express';
import express4 from 'express4';
import type { DouyinReceiver } from '@douyin-push/core';
import { douyinWebhook } from '@douyin-push/express';
import { listen } from '../contract/servers.js';
import { spiContract, type Start } from './contract.js';

type ExpressLike = typeof express | typeof express4;

function startWith(framework: ExpressLike): Start {
  return async (routes: Record<string, DouyinReceiver>) => {
    const app = framework();
    // Mounted like the push middleware, before the app's own JSON parser.
    for (const [path, receiver] of Object.entries(routes)) app.use(douyinWebhook(receiver, { path }) as never);
    app.use(framework.json() as never);
    const { origin, close } = await listen(createServer(app));
    return { url: origin, close };
  };
}

spiContract('express 5', startWith(express));
spiContract('express 4', startWith(express4));
