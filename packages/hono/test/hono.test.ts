import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import { describe } from 'vitest';
import { douyinWebhook } from '@douyin-push/hono';
import { describeBodyParser, describeContract, type ContractStart, type ContractServer } from '../../../test/contract/suite.js';

/** Serves a Hono app with @hono/node-server on 127.0.0.1, port 0. */
function listen(app: Hono): Promise<ContractServer> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        origin: `http://127.0.0.1:${info.port}`,
        echoPath: '/contract/echo',
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
  });
}

/** The recommended setup: the middleware first, an ordinary JSON route beside it. */
function honoStart(before?: MiddlewareHandler): ContractStart {
  return async ({ receiver, path }) => {
    const app = new Hono();
    if (before) app.use(before);
    app.use(douyinWebhook(receiver, { path }));
    app.post('/contract/echo', async (c) => c.json(await c.req.json()));
    return listen(app);
  };
}

// Hono hands core a web Request: its runtime, not the adapter, times a stalled upload.
describeContract('hono (@hono/node-server)', honoStart(), { bodyDeadline: false });

describe('hono: a middleware that read the body first', () => {
  // c.req.json() keeps the text in Hono's bodyCache: the exact bytes are still there.
  describeBodyParser(
    'c.req.json() in an earlier middleware',
    honoStart(async (c, next) => {
      if (c.req.method === 'POST') await c.req.json().catch(() => undefined);
      await next();
    }),
    'handled',
  );
  describeBodyParser(
    'c.req.arrayBuffer() in an earlier middleware',
    honoStart(async (c, next) => {
      if (c.req.method === 'POST') await c.req.arrayBuffer();
      await next();
    }),
    'handled',
  );
  // Reading c.req.raw bypasses the cache: nothing is left but what that middleware parsed.
  describeBodyParser(
    'c.req.raw.json() in an earlier middleware',
    honoStart(async (c, next) => {
      if (c.req.method === 'POST') await c.req.raw.json().catch(() => undefined);
      await next();
    }),
    { code: 'RAW_BODY_UNAVAILABLE', fix: /@douyin-push\/hono: .*register douyinWebhook\(\) before/ },
  );
  // A reader left open (locked, not yet used) is the `ReadableStream is locked` case.
  describeBodyParser(
    'a reader taken on c.req.raw.body',
    honoStart(async (c, next) => {
      if (c.req.method === 'POST') c.req.raw.body?.getReader();
      await next();
    }),
    { code: 'RAW_BODY_UNAVAILABLE', fix: /c\.req\.json\(\)\/c\.req\.text\(\)/ },
  );
});
