import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { buildPush } from '@douyin-push/core/testing';

// examples/fastify as users run it (`tsx src/server.ts`, against the built packages).
const dir = fileURLToPath(new URL('../../../examples/fastify/', import.meta.url));
const secret = 'example_secret';
let server: ChildProcess;
let url: string;
let log = '';

beforeAll(async () => {
  if (!existsSync(fileURLToPath(new URL('../dist/index.js', import.meta.url))))
    throw new Error('run `pnpm build` first: the example uses the built packages');
  server = spawn(`${dir}node_modules/.bin/tsx`, ['src/server.ts'], {
    cwd: dir,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DOUYIN_CLIENT_SECRET: secret, REDIS_URL: '' },
  });
  server.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (match) resolve(match[1]!);
    };
    server.stdout!.on('data', check);
    server.once('exit', (code) => reject(new Error(`examples/fastify exited with ${code}:\n${log}`)));
  });
}, 30_000);

afterAll(async () => {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
});

it('handles a signed push, logs the typed event, and keeps JSON for its other routes', async () => {
  const push = buildPush({ event: 'life_product_status_change', content: { product_id: '7', status: 'GOODS_OFFLINE' }, secret });
  const res = await fetch(`${url}/douyin/webhook`, { method: 'POST', headers: push.headers, body: push.body });
  expect(res.status).toBe(200);
  // The log line reaches us through the child's stdout pipe, possibly after the reply.
  await vi.waitFor(() => expect(log).toContain(`"msgId":"${push.msgId}","productId":"7","status":"GOODS_OFFLINE","msg":"product status"`));
  expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true });
});
