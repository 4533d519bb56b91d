import Fastify from 'fastify';
import { douyinPush } from '@douyin-push/fastify';
import { spiContract } from './contract.js';

// Each SPI route registered with the same plugin call as the push route, given a receiver.
spiContract('fastify', async (routes) => {
  const app = Fastify();
  for (const [path, receiver] of Object.entries(routes)) await app.register(douyinPush, { receiver, path });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
});
