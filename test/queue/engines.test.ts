// Each engine on its own, in this process over real HTTP: stored once, duplicates answered
// 200 without a second job, handlers run by the worker, failures kept with the raw body and
// replayable, and the Redis eviction-policy warning surfaced through onError.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { AS_DOUYIN, deliver } from '@douyin-push/cli';
import { createDouyinWorker, type DouyinQueue } from '@douyin-push/queue';
import { bullmqQueue } from '@douyin-push/queue/bullmq';
import { pgBossQueue } from '@douyin-push/queue/pg-boss';
import { startRedisServer } from '../../packages/redis/test/support/redis-server';
import { listenDurable, waitFor } from './support/in-process';
import { pushIdOf, signedPush } from './support/push';

const redisPort = () => Number(new URL(inject('redisUrl')).port);
const engines: Record<string, () => DouyinQueue> = {
  bullmq: () => bullmqQueue({ connection: { host: '127.0.0.1', port: redisPort() }, name: `t-${randomUUID()}` }),
  'pg-boss': () =>
    pgBossQueue({
      connectionString: inject('pgUrl'),
      name: `t-${randomUUID()}`,
      pollingIntervalMs: 100,
      bossOptions: { schema: inject('pgSchema'), migrate: false, supervise: false, schedule: false, max: 3 },
    }),
};
const retries = { attempts: 3, backoff: { delayMs: 200, maxDelayMs: 400 } };

describe.each(Object.keys(engines))('%s', (engine) => {
  const queue = engines[engine]!();
  afterAll(() => queue.close());

  it('stores a push once, answers a redelivery 200 duplicate, and the worker runs it once', async () => {
    const receiver = await listenDurable(queue);
    const msgId = `m-${randomUUID()}`;
    const first = await deliver(signedPush(receiver.url, msgId), AS_DOUYIN);
    const again = await deliver(signedPush(receiver.url, msgId), AS_DOUYIN);
    expect(first.attempts.map((a) => [a.status, a.body])).toEqual([[200, '{"ok":true,"queued":true}']]);
    expect(again.attempts.map((a) => [a.status, a.body])).toEqual([[200, '{"ok":true,"duplicate":true}']]);

    const seen: string[] = [];
    const worker = createDouyinWorker({ queue, retries, concurrency: 2 });
    worker.on('life_trade_order_notify.pay_success', (event) => void seen.push(event.content.order.order_id));
    await worker.start();
    expect(await waitFor(() => seen.length > 0, 10_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    await worker.close();
    await receiver.close();
    expect(seen).toEqual([msgId]);
    const job = await queue.inspect(pushIdOf(msgId)); // a push id works as well as a job id
    expect(job?.state === 'completed' || job === undefined).toBe(true);
  });

  it('keeps a push whose attempts ran out in the failed state with its raw body, and replays it', async () => {
    const receiver = await listenDurable(queue);
    const msgId = `fail-${randomUUID()}`;
    const push = signedPush(receiver.url, msgId);
    expect((await deliver(push, AS_DOUYIN)).delivered).toBe(true);
    let healthy = false;
    const runs: number[] = [];
    const reports: { code: string; msgId: string | undefined }[] = [];
    const worker = createDouyinWorker({ queue, retries, concurrency: 1 });
    worker.on('life_trade_order_notify', () => {
      runs.push(Date.now());
      if (!healthy) throw new Error('downstream down');
    });
    worker.onError((error, context) => void reports.push({ code: error.code, msgId: context.msgId }));
    await worker.start();
    let failed: Awaited<ReturnType<DouyinQueue['failed']>> = [];
    expect(await waitFor(async () => (failed = await queue.failed()).length > 0, 15_000)).toBe(true);
    expect(runs).toHaveLength(3);
    expect(reports).toEqual(Array.from({ length: 3 }, () => ({ code: 'HANDLER_FAILED', msgId })));
    expect(failed[0]!.push.body).toBe(push.body.toString());
    expect(failed[0]!.failedReason).toContain('downstream down');

    healthy = true;
    expect(await queue.retry(failed[0]!.jobId)).toBe(true);
    expect(await waitFor(async () => (await queue.inspect(failed[0]!.jobId))?.state === 'completed', 10_000)).toBe(true);
    expect(runs).toHaveLength(4);
    await worker.close();
    await receiver.close();
  });
});

describe('pg-boss: processes starting together', () => {
  it('all create the queue and store, though pg-boss can deadlock creating its partition', async () => {
    const name = `t-${randomUUID()}`;
    const bossOptions = { schema: inject('pgSchema'), migrate: false, supervise: false, schedule: false, max: 2 };
    const queues = Array.from({ length: 8 }, () => pgBossQueue({ connectionString: inject('pgUrl'), name, bossOptions }));
    const push = (i: number) => ({
      id: `aw:${name}:${i}`,
      name: 'life_trade_order_notify',
      action: 'pay_success',
      msgId: `${i}`,
      clientKey: 'aw',
      logId: undefined,
      receivedAt: Date.now(),
      body: '{}',
      msgIdHeader: undefined,
    });
    try {
      const results = await Promise.all(queues.map((q, i) => q.enqueue(push(i))));
      expect(results).toEqual(queues.map(() => ({ duplicate: false })));
    } finally {
      await Promise.all(queues.map((q) => q.close()));
    }
  });
});

describe('bullmq on a Redis that may evict keys', () => {
  it('reports the maxmemory-policy through onError when the worker starts', async () => {
    const redis = await startRedisServer();
    const queue = bullmqQueue({ connection: { host: '127.0.0.1', port: redis.port }, name: 'evict' });
    try {
      const client = await queue.warnings(); // connects
      expect(client).toEqual([]);
      const { Redis } = await import('ioredis');
      const admin = new Redis(redis.url);
      await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
      admin.disconnect();
      const reports: string[] = [];
      const worker = createDouyinWorker({ queue, retries });
      worker.onError((error) => void reports.push(`${error.code} ${error.message}`));
      await worker.start();
      await worker.close();
      expect(reports).toEqual([expect.stringMatching(/^CONFIG_INVALID @douyin-push\/queue: Redis maxmemory-policy is allkeys-lru/)]);
    } finally {
      await queue.close();
      await redis.stop();
    }
  });
});
