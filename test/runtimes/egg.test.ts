/**
 * The Egg recipe of packages/koa/README.md in a real Egg 4 app (egg-app/, single-process
 * `start()`): the koa middleware as Egg app middleware, CSRF ignored for the path, Egg's
 * bodyParser ignoring the path. Egg loads the app's files with Node's own loader, so
 * `@douyin-push/koa` and `@douyin-push/core` come from dist/ (`pnpm build` first).
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { start } from 'egg';
import { expect, it } from 'vitest';
import { createDouyinWebhooks, type DouyinReceiver } from '@douyin-push/core';
import { buildPush } from '@douyin-push/core/testing';
import type { ContractServer } from '../contract/suite.js';
import { describeContract } from '../contract/suite.js';

const baseDir = fileURLToPath(new URL('./egg-app', import.meta.url));
const dist = (p: string) => fileURLToPath(new URL(`../../packages/${p}`, import.meta.url));
for (const file of ['core/dist/index.cjs', 'koa/dist/index.cjs']) {
  if (!existsSync(dist(file))) throw new Error(`test/runtimes/egg: packages/${file} is missing; run \`pnpm build\` first`);
}

async function startEgg(receiver: DouyinReceiver): Promise<ContractServer> {
  // egg-app/app.js takes the test's receiver from here (an app creates its own from config).
  (globalThis as Record<string, unknown>).__DOUYIN_EGG_TEST_RECEIVER__ = receiver;
  const app = await start({ baseDir, env: 'unittest', ignoreWarning: true });
  delete (globalThis as Record<string, unknown>).__DOUYIN_EGG_TEST_RECEIVER__;
  const server = app.listen(0, '127.0.0.1') as Server;
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    echoPath: '/contract/echo',
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await app.close();
    },
  };
}

// The app's config mounts one path (/douyin/webhook), so the cases that mount other receivers
// at other paths (the probe, SPI) are skipped: the given receiver is still the suite's.
describeContract('egg 4 (koa middleware recipe)', ({ receiver }) => startEgg(receiver), { mountsGivenReceiver: false });

it("egg 4: a 200 KB push passes (Egg's bodyParser, 100kb, leaves the path alone)", async () => {
  const webhooks = createDouyinWebhooks({ clientSecret: 'egg_secret', maxBodyBytes: 1024 * 1024 });
  const seen: number[] = [];
  webhooks.on('life_trade_certificate_notify.verify', (event) => void seen.push(event.rawBody.byteLength));
  const server = await startEgg(webhooks);
  try {
    const content = {
      action: 'verify',
      msg_time: 1,
      certificate: { certificate_id: 'c1', order_id: 'o1', account_id: 'a1' },
      note: 'x'.repeat(200 * 1024),
    };
    const push = buildPush({ event: 'life_trade_certificate_notify', content, secret: 'egg_secret', msgId: 'egg-big' });
    const res = await fetch(`${server.origin}/douyin/webhook`, { method: 'POST', body: push.body, headers: push.headers });
    expect(res.status, await res.text()).toBe(200);
    expect(seen).toEqual([Buffer.byteLength(push.body)]);
  } finally {
    await server.close();
  }
});
