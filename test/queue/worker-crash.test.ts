// A worker SIGKILLed in the middle of a job: the engine hands the job to the next worker once
// the dead one's lock (BullMQ) or the job's expiry (pg-boss) runs out; the job runs again and
// completes, and nothing runs twice after completion, not even when Douyin redelivers it.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { AS_DOUYIN, deliver } from '@douyin-push/cli';
import { startDownstream, type Downstream } from './support/downstream';
import { waitFor } from './support/in-process';
import { engineEnv } from './support/modes';
import { startReceiver, startWorker, type AppProcess } from './support/processes';
import { signedPush } from './support/push';

const processes: AppProcess[] = [];
const downstreams: Downstream[] = [];
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await Promise.all(downstreams.map((d) => d.close()));
});

async function crashMidJob(engine: 'bullmq' | 'pg-boss') {
  const downstream = await startDownstream();
  downstreams.push(downstream);
  // Short lock / expiry so the test waits seconds, not BullMQ's 30 s or pg-boss's 15 min.
  const env = engineEnv(engine, downstream.url, {
    LOCK_MS: '2000',
    EXPIRE_S: '2',
    MAINTENANCE_S: '1',
    SUPERVISE: '1',
    PROCESSING_TTL_MS: '3000',
    DELAY_MS: '300',
    MAX_DELAY_MS: '1000',
  });
  const receiver = await startReceiver(env);
  processes.push(receiver);
  const first = await startWorker(env);
  processes.push(first);
  const url = `${receiver.url}/douyin/webhook`;
  const victim = `victim-${randomUUID()}`;
  const others = Array.from({ length: 5 }, (_, i) => `other-${i}-${randomUUID()}`);
  // The others complete on the first worker; then the victim is the only job it runs when it dies.
  // (A job killed after its side effect but before its completion was recorded runs again:
  // that window is why handlers should be idempotent, see the README; this test keeps out of it.)
  for (const id of others) expect((await deliver(signedPush(url, id), AS_DOUYIN)).delivered).toBe(true);
  expect(await waitFor(() => others.every((id) => downstream.handled.has(id)), 10_000)).toBe(true);
  await new Promise((r) => setTimeout(r, 500));
  const held = downstream.hold(victim);
  expect((await deliver(signedPush(url, victim), AS_DOUYIN)).delivered).toBe(true);
  await held; // the first worker is inside the victim's handler, waiting on the downstream
  await first.kill();
  const second = await startWorker(env);
  processes.push(second);
  const startedAt = Date.now();
  const done = await waitFor(() => [victim, ...others].every((id) => downstream.handled.has(id)), 45_000);
  expect(done, `${engine}: handled ${JSON.stringify([...downstream.handled])}; worker said ${JSON.stringify(second.lines.slice(-3))}`).toBe(
    true,
  );
  const rerunAfterMs = downstream.firstAt.get(victim)! - startedAt;
  // Douyin delivers the victim again after it completed: 200 duplicate, no second run.
  const again = await Promise.all([victim, ...others].map((id) => deliver(signedPush(url, id), AS_DOUYIN)));
  await new Promise((r) => setTimeout(r, 2000));
  return {
    engine,
    again: [...new Set(again.map((d) => d.attempts.at(-1)?.body))],
    counts: [victim, ...others].map((id) => downstream.handled.get(id)),
    rerunAfterMs,
  };
}

describe('worker killed mid-job', () => {
  it('runs the job again on another worker, once, for BullMQ and pg-boss', async () => {
    const results = await Promise.all([crashMidJob('bullmq'), crashMidJob('pg-boss')]);
    for (const r of results)
      console.log(`${r.engine}: victim re-ran ${r.rerunAfterMs} ms after the new worker started; handled counts ${r.counts.join(',')}`);
    for (const r of results) {
      expect(r.counts).toEqual([1, 1, 1, 1, 1, 1]);
      expect(r.again).toEqual(['{"ok":true,"duplicate":true}']);
    }
  });
});
