// `douyin-push queue failed|inspect|retry` as a real process against real engines: the jobs a
// worker gave up on are listed with their raw body, inspected, and replayed to completion.
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { AS_DOUYIN, deliver } from '@douyin-push/cli';
import { createDouyinWorker, type DouyinQueue } from '@douyin-push/queue';
import { bullmqQueue } from '@douyin-push/queue/bullmq';
import { pgBossQueue } from '@douyin-push/queue/pg-boss';
import { runCli } from '../../packages/cli/test/helpers';
import { listenDurable, waitFor } from './support/in-process';
import { pushIdOf, signedPush } from './support/push';

const setups = {
  bullmq: (name: string) => ({
    queue: () => bullmqQueue({ connection: { host: '127.0.0.1', port: Number(new URL(inject('redisUrl')).port) }, name }),
    flags: ['--engine', 'bullmq', '--redis', inject('redisUrl'), '--name', name],
  }),
  'pg-boss': (name: string) => ({
    queue: () =>
      pgBossQueue({
        connectionString: inject('pgUrl'),
        name,
        pollingIntervalMs: 100,
        bossOptions: { schema: inject('pgSchema'), migrate: false, supervise: false, schedule: false, max: 3 },
      }),
    flags: ['--engine', 'pg-boss', '--database', inject('pgUrl'), '--schema', inject('pgSchema'), '--name', name],
  }),
};

describe.each(['bullmq', 'pg-boss'] as const)('douyin-push queue on %s', (engine) => {
  it('lists, inspects and replays a failed job', async () => {
    const { queue: make, flags } = setups[engine](`cli-${randomUUID()}`);
    const queue: DouyinQueue = make();
    const receiver = await listenDurable(queue);
    const msgId = `cli-${randomUUID()}`;
    const push = signedPush(receiver.url, msgId);
    expect((await deliver(push, AS_DOUYIN)).delivered).toBe(true);
    let healthy = false;
    let handled = 0;
    const worker = createDouyinWorker({ queue, concurrency: 1, retries: { attempts: 1, backoff: { delayMs: 100, maxDelayMs: 100 } } });
    worker.on('life_trade_order_notify', () => {
      if (!healthy) throw new Error('partner API timed out');
      handled++;
    });
    worker.onError(() => undefined);
    await worker.start();
    expect(await waitFor(async () => (await queue.failed()).length === 1, 10_000)).toBe(true);

    const failed = await runCli(['queue', 'failed', '--json', ...flags]);
    expect(failed.code, failed.stderr).toBe(0);
    const [job] = JSON.parse(failed.stdout) as {
      jobId: string;
      state: string;
      failedReason: string;
      push: { msgId: string; body: string };
    }[];
    expect(job).toMatchObject({
      state: 'failed',
      failedReason: expect.stringContaining('partner API timed out'),
      push: { msgId, body: push.body.toString() },
    });

    const text = await runCli(['queue', 'failed', ...flags], { env: { NO_COLOR: '1' } });
    expect(text.stdout).toContain(`${job!.jobId}  failed  life_trade_order_notify.pay_success  msg ${msgId}`);

    const inspect = await runCli(['queue', 'inspect', pushIdOf(msgId), '--json', ...flags]);
    expect(inspect.code, inspect.stderr).toBe(0);
    expect(JSON.parse(inspect.stdout)).toMatchObject({ jobId: job!.jobId, state: 'failed' });

    healthy = true;
    const retry = await runCli(['queue', 'retry', job!.jobId, ...flags], { env: { NO_COLOR: '1' } });
    expect(retry.code, retry.stderr).toBe(0);
    expect(retry.stdout).toContain(`✔ retried ${job!.jobId}`);
    expect(await waitFor(() => handled === 1, 10_000)).toBe(true);
    const again = await runCli(['queue', 'retry', job!.jobId, ...flags]);
    expect(again.code).toBe(1); // completed now: nothing failed to retry

    const missing = await runCli(['queue', 'inspect', 'nope', ...flags]);
    expect([missing.code, missing.stderr]).toEqual([1, 'no job nope (unknown, or removed after its keep window)\n']);
    await worker.close();
    await receiver.close();
    await queue.close();
  });
});

it('explains a usage mistake', async () => {
  const result = await runCli(['queue', 'replay']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain("unknown action 'replay': failed, inspect or retry");
});
