import Fastify from 'fastify';
import { describe } from 'vitest';
import { douyinPush } from '@douyin-push/fastify';
import { describeBodyParser, describeContract } from './suite.js';
import { fastifyStart } from './starts.js';

describeContract('fastify 5', fastifyStart);

describe('fastify 5 with the app’s own application/json parser registered first', () => {
  describeBodyParser(
    'a custom application/json content-type parser',
    async ({ receiver, path }) => {
      const app = Fastify();
      app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
        try {
          done(null, JSON.parse(body as string));
        } catch (error) {
          done(error as Error, undefined);
        }
      });
      await app.register(douyinPush, { receiver, path });
      const origin = await app.listen({ port: 0, host: '127.0.0.1' });
      return { origin, close: () => app.close() };
    },
    'handled',
  );
});
