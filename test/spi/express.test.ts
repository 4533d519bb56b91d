import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import express4 from 'express4';
import type { DouyinReceiver } from '@douyin-push/core';
import { douyinWebhook } from '@douyin-push/express';
import { spiContract, type Start } from './contract.js';

type ExpressLike = typeof express | typeof express4;

function startWith(framework: ExpressLike): Start {
  return async (routes: Record<string, DouyinReceiver>) => {
    const app = framework();
    // Mounted like the push middleware, before the app's own JSON parser.
    for (const [path, receiver] of Object.entries(routes)) app.use(douyinWebhook(receiver, { path }) as never);
    app.use(framework.json() as never);
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

spiContract('express 5', startWith(express));
spiContract('express 4', startWith(express4));
