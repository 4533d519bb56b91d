// Adapter-specific behaviour (the shared cases are in test/contract): the handler API on the
// middleware, one receiver shared by several routes, the URL core gets. Real servers, real fetch.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa3 from 'koa';
import Koa2 from 'koa2';
import { afterEach, describe, expect, it } from 'vitest';
import { createDouyinWebhooks, type DouyinReceiver, type DouyinRequest } from '@douyin-push/core';
import { createWebHandler } from '@douyin-push/core/adapter';
import { buildPush } from '@douyin-push/core/testing';
import { douyinWebhook } from '@douyin-push/koa';

const secret = 'koa_test_secret';
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

async function listen(app: Koa3): Promise<string> {
  const server = createServer(app.callback());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function post(url: string, push = buildPush({ event: 'life_product_status_change', content, secret })) {
  return fetch(url, { method: 'POST', body: push.body, headers: push.headers, signal: AbortSignal.timeout(10_000) });
}

function urlProbe(): DouyinReceiver {
  const handle = async (request: DouyinRequest) => ({
    status: 200,
    headers: { 'x-adapter': String(request.adapter) },
    body: request.url ?? '',
  });
  return { maxBodyBytes: 1024, bodyTimeoutMs: 10_000, handle, handleRequest: createWebHandler(handle, 1024), onError: () => () => true };
}

describe.each([
  ['koa 2', Koa2],
  ['koa 3', Koa3],
])('%s', (_name, Koa) => {
  it('mounts a receiver at a path; handlers registered on the receiver run', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: secret, onError: () => undefined });
    const seen: string[] = [];
    const off = webhooks.onAny((event) => void seen.push(event.name));
    const app = new Koa();
    app.use(douyinWebhook(webhooks, { path: '/douyin/webhook' }));
    const origin = await listen(app);
    expect((await post(`${origin}/douyin/webhook`)).status).toBe(200);
    off();
    expect(
      (
        await post(
          `${origin}/douyin/webhook`,
          buildPush({ event: 'life_product_status_change', content: { ...content, status: 'x' }, secret }),
        )
      ).status,
    ).toBe(200);
    expect(seen).toEqual(['life_product_status_change']);
  });

  it('gives core the full URL with query and names itself', async () => {
    const app = new Koa();
    app.use(douyinWebhook(urlProbe(), { path: '/spi' }));
    const origin = await listen(app);
    const res = await post(`${origin}/spi?client_key=a&timestamp=1&sign=b`);
    expect(await res.text()).toBe('/spi?client_key=a&timestamp=1&sign=b');
    expect(res.headers.get('x-adapter')).toBe('koa');
  });

  it('shares one receiver (handlers and dedupe store) between routes', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: secret });
    let runs = 0;
    webhooks.on('life_product_status_change', () => void runs++);
    const app = new Koa();
    app.use(douyinWebhook(webhooks, { path: '/a' }));
    app.use(douyinWebhook(webhooks, { path: '/b' }));
    const origin = await listen(app);
    const push = buildPush({ event: 'life_product_status_change', content, secret });
    expect((await post(`${origin}/a`, push)).status).toBe(200);
    expect((await post(`${origin}/b`, push)).status).toBe(200);
    expect(runs).toBe(1);
  });

  it('lets later middleware see requests for other paths', async () => {
    const app = new Koa();
    app.use(douyinWebhook(createDouyinWebhooks({ clientSecret: secret }), { path: '/douyin/webhook' }));
    app.use((ctx) => {
      ctx.body = `next saw ${ctx.path}`;
    });
    const origin = await listen(app);
    expect(await (await post(`${origin}/health`)).text()).toBe('next saw /health');
  });
});
