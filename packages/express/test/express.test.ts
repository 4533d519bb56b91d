// Adapter-specific behaviour (the shared cases are in test/contract): mounting styles, the
// handler API on the middleware, one receiver shared by several routes. Real servers, real fetch.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express5 from 'express';
import express4 from 'express4';
import { afterEach, describe, expect, it } from 'vitest';
import { createDouyinWebhooks, type DouyinReceiver, type DouyinRequest } from '@douyin-push/core';
import { createWebHandler } from '@douyin-push/core/adapter';
import { buildPush } from '@douyin-push/core/testing';
import { douyinWebhook } from '@douyin-push/express';

const secret = 'express_test_secret';
const content = { product_id: '1', status: 'GOODS_ONLINE' };
let servers: Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.map(
      (s) =>
        new Promise((resolve) => {
          s.close(resolve);
          s.closeAllConnections();
        }),
    ),
  );
  servers = [];
});

async function listen(app: (req: any, res: any) => void): Promise<string> {
  const server = createServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function post(url: string, push = buildPush({ event: 'life_product_status_change', content, secret })) {
  return fetch(url, { method: 'POST', body: push.body, headers: push.headers, signal: AbortSignal.timeout(10_000) });
}

/** A receiver that answers with the URL core was given. */
function urlProbe(): DouyinReceiver {
  const handle = async (request: DouyinRequest) => ({ status: 200, headers: {}, body: request.url ?? '' });
  return { maxBodyBytes: 1024, bodyTimeoutMs: 10_000, handle, handleRequest: createWebHandler(handle, 1024), onError: () => () => true };
}

describe.each([
  ['express 4', express4],
  ['express 5', express5],
])('%s', (_name, express) => {
  it('mounts a receiver at a path; handlers registered on the receiver run', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: secret });
    const seen: string[] = [];
    const handler = (event: { content: { product_id: string } }) => void seen.push(event.content.product_id);
    webhooks.on('life_product_status_change', handler);
    const app = express();
    app.use(douyinWebhook(webhooks, { path: '/douyin/webhook' }));
    const origin = await listen(app);
    expect((await post(`${origin}/douyin/webhook`)).status).toBe(200);
    webhooks.off('life_product_status_change', handler);
    expect(
      (
        await post(
          `${origin}/douyin/webhook`,
          buildPush({ event: 'life_product_status_change', content: { ...content, status: 'x' }, secret }),
        )
      ).status,
    ).toBe(200);
    expect(seen).toEqual(['1']);
  });

  it('works under a sub-router: path is relative, core gets the full originalUrl with query', async () => {
    const router = express.Router();
    router.use(douyinWebhook(urlProbe(), { path: '/webhook' }));
    const app = express();
    app.use('/douyin', router);
    const origin = await listen(app);
    const res = await post(`${origin}/douyin/webhook?client_key=a&sign=b`);
    expect(await res.text()).toBe('/douyin/webhook?client_key=a&sign=b');
    expect((await post(`${origin}/webhook`)).status).toBe(404);
  });

  it('works as a route handler without a path', async () => {
    const app = express();
    app.all('/hooks/douyin', douyinWebhook(urlProbe()));
    const origin = await listen(app);
    expect(await (await post(`${origin}/hooks/douyin?x=1`)).text()).toBe('/hooks/douyin?x=1');
  });

  it('shares one receiver (handlers and dedupe store) between routes', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: secret });
    let runs = 0;
    webhooks.on('life_product_status_change', () => void runs++);
    const app = express();
    app.use(douyinWebhook(webhooks, { path: '/a' }));
    app.use(douyinWebhook(webhooks, { path: '/b' }));
    const origin = await listen(app);
    const push = buildPush({ event: 'life_product_status_change', content, secret });
    expect((await post(`${origin}/a`, push)).status).toBe(200);
    expect((await post(`${origin}/b`, push)).status).toBe(200);
    expect(runs).toBe(1);
  });

  it('passes an express error handler nothing for a bad push: core answers it', async () => {
    const errors: unknown[] = [];
    const app = express();
    app.use(douyinWebhook(createDouyinWebhooks({ clientSecret: secret, onError: () => undefined }), { path: '/h' }));
    app.use((error: unknown, _req: unknown, res: { status(n: number): { end(): void } }, _next: unknown) => {
      errors.push(error);
      res.status(599).end();
    });
    const origin = await listen(app);
    const forged = buildPush({ event: 'life_product_status_change', content, secret, signature: { forgeWith: 'x' } });
    expect((await post(`${origin}/h`, forged)).status).toBe(401);
    expect(errors).toEqual([]);
  });
});
