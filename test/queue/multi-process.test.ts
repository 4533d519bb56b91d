// 3 receiver processes + 3 worker processes per engine on one queue, QUEUE_MP_PUSHES pushes
// (default 2 000 in CI; the 20 000 with QUEUE_MP_PUSHES=20000) with 30 % of them
// delivered again, each delivery to a random receiver, Douyin's way (3 s timeout, 3 retries).
// Every push must be handled exactly once, whichever receiver stored it and worker ran it.
import { randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { AS_DOUYIN, deliver, mapLimit } from '@douyin-push/cli';
import { startDownstream, type Downstream } from './support/downstream';
import { waitFor } from './support/in-process';
import { engineEnv, tally } from './support/modes';
import { startReceiver, startWorker, type AppProcess } from './support/processes';
import { signedPush } from './support/push';

const PUSHES = Number(process.env.QUEUE_MP_PUSHES ?? 2000);
const DUPLICATES = 0.3;

const processes: AppProcess[] = [];
const downstreams: Downstream[] = [];
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await Promise.all(downstreams.map((d) => d.close()));
});

function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => (state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
}

async function run(engine: 'bullmq' | 'pg-boss', seed: number) {
  const downstream = await startDownstream();
  downstreams.push(downstream);
  const env = engineEnv(engine, downstream.url, { CONCURRENCY: '20' });
  // Each one tracked as soon as it runs, so a failed start still stops the others in afterAll.
  const track = (p: AppProcess) => (processes.push(p), p);
  const receivers = await Promise.all([0, 1, 2].map(() => startReceiver(env).then(track)));
  await Promise.all([0, 1, 2].map(() => startWorker(env).then(track)));
  const random = seeded(seed);
  const ids = Array.from({ length: PUSHES }, (_, i) => `${engine}-${i}-${randomUUID()}`);
  const deliveries = ids.flatMap((id) => (random() < DUPLICATES ? [id, id] : [id]));
  // Shuffle, so a duplicate may arrive before, after or while its original is stored.
  for (let i = deliveries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
  }
  const started = Date.now();
  const results = await mapLimit(deliveries, 64, (id) =>
    deliver(signedPush(`${receivers[Math.floor(random() * 3)]!.url}/douyin/webhook`, id), AS_DOUYIN),
  );
  const sentMs = Date.now() - started;
  await waitFor(() => downstream.handled.size >= ids.length, 120_000, 200);
  const handledMs = Date.now() - started;
  await new Promise((r) => setTimeout(r, 2000));
  const replies = results.map((d) => d.attempts.at(-1)?.body);
  return {
    engine,
    deliveries: deliveries.length,
    notDelivered: results.filter((d) => !d.delivered).length,
    duplicateReplies: replies.filter((b) => b === '{"ok":true,"duplicate":true}').length,
    ...tally(ids, downstream.handled),
    sentMs,
    handledMs,
  };
}

it(`3 receivers + 3 workers, ${PUSHES} pushes with 30 % duplicates: each handled exactly once`, async () => {
  const seed = Number(process.env.QUEUE_MP_SEED ?? Date.now() % 100_000);
  console.log(`seed ${seed} (QUEUE_MP_SEED to replay)`);
  for (const engine of ['bullmq', 'pg-boss'] as const) {
    const r = await run(engine, seed);
    console.log(JSON.stringify(r));
    expect(r.notDelivered).toBe(0);
    expect(r.lost).toBe(0);
    expect(r.twice).toBe(0);
    expect(r.duplicateReplies).toBe(r.deliveries - r.pushes);
  }
});
