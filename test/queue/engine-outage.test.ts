// The engine itself fails while pushes arrive: Redis paused (SIGSTOP) then killed (SIGKILL,
// restarted from its fsync-always AOF); PostgreSQL paused then cut off (through a loopback
// proxy this test owns: the shared server itself is never touched). Whatever happens, a push
// answered 200 must be stored: every 200 is looked up in the engine afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect, inject, it } from 'vitest';
import { deliver } from '@douyin-push/cli';
import type { DouyinQueue } from '@douyin-push/queue';
import { bullmqQueue } from '@douyin-push/queue/bullmq';
import { pgBossQueue } from '@douyin-push/queue/pg-boss';
import { Redis } from 'ioredis';
import { startRedisServer } from '../../packages/redis/test/support/redis-server';
import { listenDurable } from './support/in-process';
import { pushIdOf, signedPush } from './support/push';
import { startTcpProxy } from './support/tcp-proxy';

const ONCE = { timeoutMs: 3000, retries: 0, retryDelayMs: 0 }; // one attempt: each reply counts
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Fault {
  pause(): Promise<void> | void;
  resume(): Promise<void> | void;
  crash(): Promise<void>;
}

/** Sends pushes from 4 lanes while `fault` runs its script; resolves with every reply. */
async function underFault(queue: DouyinQueue, fault: Fault) {
  const receiver = await listenDurable(queue);
  const replies: { msgId: string; status: number | undefined; at: number }[] = [];
  let sending = true;
  const started = Date.now();
  const lane = async (lane: number) => {
    for (let n = 0; sending; n++) {
      const msgId = `${lane}-${n}-${randomUUID()}`;
      const d = await deliver(signedPush(receiver.url, msgId), ONCE);
      replies.push({ msgId, status: d.attempts[0]!.status, at: Date.now() - started });
      if (d.attempts[0]!.status !== 200) await sleep(50);
    }
  };
  const lanes = [0, 1, 2, 3].map(lane);
  await sleep(1000);
  await fault.pause();
  await sleep(4000);
  await fault.resume();
  await sleep(2000);
  const crashAt = Date.now() - started;
  await fault.crash(); // down for 3 s, then back
  await sleep(2000);
  sending = false;
  await Promise.all(lanes);
  await receiver.close();
  return { replies, crashAt };
}

async function verify(label: string, { replies, crashAt }: Awaited<ReturnType<typeof underFault>>, check: DouyinQueue) {
  const ok = replies.filter((r) => r.status === 200);
  const missing: string[] = [];
  for (const r of ok) if (!(await check.inspect(pushIdOf(r.msgId)))) missing.push(r.msgId);
  const refused = replies.filter((r) => r.status !== 200);
  const refusedInCrash = refused.filter((r) => r.at >= crashAt).length;
  const lastSecond = replies.filter((r) => r.at > replies.at(-1)!.at - 1000);
  console.log(
    `${label}: ${replies.length} pushes, ${ok.length} answered 200 (all looked up: ${missing.length} missing), ${refused.length} refused (${[...new Set(refused.map((r) => r.status ?? 'timeout'))].join('/')}; ${refused.length - refusedInCrash} in the pause, ${refusedInCrash} in the crash), ${lastSecond.filter((r) => r.status === 200).length}/${lastSecond.length} 200 in the last second`,
  );
  expect(missing).toEqual([]);
  expect(refused.length - refusedInCrash).toBeGreaterThan(0); // both faults were felt
  expect(refusedInCrash).toBeGreaterThan(0);
  expect(lastSecond.some((r) => r.status === 200)).toBe(true); // and it recovered
}

it('BullMQ: Redis paused, then killed and restarted: every 200 is stored', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'queue-aof-'));
  const redis = await startRedisServer({ aofDir: dir });
  const admin = new Redis(redis.url);
  const pid = Number(/process_id:(\d+)/.exec(await admin.info('server'))![1]);
  admin.disconnect();
  const name = `pause-${randomUUID()}`;
  const queue = bullmqQueue({ connection: { host: '127.0.0.1', port: redis.port }, name });
  try {
    const replies = await underFault(queue, {
      pause: () => void process.kill(pid, 'SIGSTOP'),
      resume: () => void process.kill(pid, 'SIGCONT'),
      crash: async () => {
        await redis.stop('SIGKILL');
        await sleep(3000);
        await redis.restart(); // the same port and AOF
      },
    });
    const check = bullmqQueue({ connection: { host: '127.0.0.1', port: redis.port }, name });
    await verify('bullmq', replies, check);
    await check.close();
  } finally {
    await queue.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

it('pg-boss: PostgreSQL paused, then its connections cut: every 200 is stored', async () => {
  const proxy = await startTcpProxy(Number(new URL(inject('pgUrl')).port || 5432));
  const through = new URL(inject('pgUrl'));
  through.port = String(proxy.port);
  const name = `pause-${randomUUID()}`;
  const bossOptions = { schema: inject('pgSchema'), migrate: false, supervise: false, schedule: false, max: 4 };
  const queue = pgBossQueue({ connectionString: through.href, name, bossOptions });
  try {
    const replies = await underFault(queue, {
      pause: () => proxy.pause(),
      resume: () => proxy.resume(),
      crash: async () => {
        proxy.refusing = true;
        proxy.cut();
        await sleep(3000);
        proxy.refusing = false;
      },
    });
    const check = pgBossQueue({ connectionString: inject('pgUrl'), name, bossOptions });
    await verify('pg-boss', replies, check);
    await check.close();
  } finally {
    await queue.close();
    await proxy.close();
  }
});
