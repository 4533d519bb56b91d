import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildPush } from '@douyin-push/core/testing';
import { NEXT_SECRET } from './constants';
import { startApp, type RunningApp } from './next-app';

// examples/next exactly as shipped, built and started: its two routes answer real pushes.
const url = inject('nextExampleUrl');
const exampleDir = fileURLToPath(new URL('../../examples/next', import.meta.url));
const next = fileURLToPath(new URL('../../examples/next/node_modules/.bin/next', import.meta.url));
const ROUTES = [
  ['app', '/api/douyin'],
  ['pages', '/api/douyin-pages'],
] as const;

const certificatePush = (secret: string) =>
  buildPush({
    event: 'life_trade_certificate_notify',
    content: { action: 'verify', msg_time: 1, certificate: { certificate_id: 'c1', order_id: 'o1', account_id: 'a1' } },
    secret,
  });

describe.each(ROUTES)('examples/next, %s router', (_router, path) => {
  it('answers a signed push 200, its duplicate 200 (marked duplicate), and GET 405', async () => {
    const push = certificatePush(NEXT_SECRET);
    const first = await fetch(url + path, { method: 'POST', headers: push.headers, body: push.body });
    expect(first.status).toBe(200);
    expect(await first.json()).not.toHaveProperty('duplicate');
    const again = await fetch(url + path, { method: 'POST', headers: push.headers, body: push.body });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect((await fetch(url + path)).status).toBe(405);
  });
});

// The global setup built the example with no DOUYIN_CLIENT_SECRET in the environment (a build
// machine need not have it; the build failing there would already have failed this project).
// Here the same build is started without the secret too: it must fail closed and loudly.
describe('examples/next started without DOUYIN_CLIENT_SECRET', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(next, exampleDir, { DOUYIN_CLIENT_SECRET: undefined });
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
  });

  it.each(ROUTES)(
    '%s router: the first push is answered 500 CONFIG_INVALID (Douyin retries) and the error is logged',
    async (_router, path) => {
      const push = certificatePush('any_secret');
      const response = await fetch(app.url + path, { method: 'POST', headers: push.headers, body: push.body });
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ code: 'CONFIG_INVALID' });
      // The server's output, not the reply, must say what is wrong: the reply of a 5xx carries no detail.
      await expect.poll(() => app.output(), { timeout: 5000 }).toMatch(/CONFIG_INVALID/);
      expect(app.output()).not.toMatch(/\[douyin\] certificate redeemed/);
    },
  );
});
