import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeListener } from '@douyin-push/core/node';
import { spiContract } from './contract.js';

// node:http through core's own listener, one listener per SPI path.
spiContract('node:http (toNodeListener)', async (routes) => {
  const listeners = new Map(Object.entries(routes).map(([path, receiver]) => [path, toNodeListener(receiver, { path })]));
  const server = createServer((req, res) => {
    const listener = listeners.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!listener) return void res.writeHead(404).end();
    listener(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
});
