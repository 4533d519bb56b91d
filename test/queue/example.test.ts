// examples/queue run as users run it (`tsx src/receiver.ts`, `tsx src/worker.ts`, built
// packages), on this run's Redis: a push sent Douyin's way is queued, then the worker runs it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, inject, it } from 'vitest';
import { AS_DOUYIN, deliver } from '@douyin-push/cli';
import { buildPush } from '@douyin-push/core/testing';
import { waitFor } from './support/in-process';

const cwd = fileURLToPath(new URL('../../examples/queue/', import.meta.url));
const secret = 'example_queue_secret';
const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill('SIGTERM')));

function run(script: string) {
  const child = spawn(`${cwd}node_modules/.bin/tsx`, [script], {
    cwd,
    env: { ...process.env, PORT: '0', DOUYIN_CLIENT_SECRET: secret, REDIS_URL: inject('redisUrl'), DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  return () => output;
}

it('queues a push in the receiver and handles it in the worker', async () => {
  const receiver = run('src/receiver.ts');
  const worker = run('src/worker.ts');
  expect(await waitFor(() => /listening on/.test(receiver()) && /worker started/.test(worker()), 30_000)).toBe(true);
  const url = /listening on (http:\S+)/.exec(receiver())![1]!;
  const content = {
    action: 'pay_success',
    msg_time: 1722175826,
    order: { order_id: 'ex-order-1', account_id: '1', pay_amount: 990, original_amount: 990, create_time: 1, pay_time: 2 },
  };
  const { body, headers } = buildPush({ event: 'life_trade_order_notify', content, secret });
  const delivery = await deliver(
    { url, body: Buffer.from(body), headers, event: 'life_trade_order_notify', msgId: headers['Msg-Id'] ?? '', copy: 0 },
    AS_DOUYIN,
  );
  expect(delivery.attempts.map((a) => a.body)).toEqual(['{"ok":true,"queued":true}']);
  expect(await waitFor(() => worker().includes('order pay_success: order_id=ex-order-1 pay_amount=990'), 15_000)).toBe(true);
});
