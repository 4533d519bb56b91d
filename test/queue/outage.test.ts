// The outage: the app's downstream (database, partner API) is down for OUTAGE_MS
// (60 s by default; QUEUE_OUTAGE_MS to change) while pushes arrive, sent the way Douyin sends:
// 3 s timeout, 3 retries 500 ms apart. Durable mode on BullMQ and on pg-boss must lose none and
// handle none twice once the downstream is back; direct mode runs beside them for comparison.
// The three modes run at the same time, so the test takes one outage, not three.
import { randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { AS_DOUYIN, deliver, type Delivery } from '@douyin-push/cli';
import { startDownstream, type Downstream } from './support/downstream';
import { engineEnv, tally } from './support/modes';
import { startReceiver, startWorker, type AppProcess } from './support/processes';
import { signedPush } from './support/push';
import { waitFor } from './support/in-process';

const OUTAGE_MS = Number(process.env.QUEUE_OUTAGE_MS ?? 60_000);
const EVERY_MS = 250; // one new push every 250 ms: 240 pushes in a 60 s outage
const DUPLICATE_EVERY = 5; // and every 5th push delivered a second time (Douyin does that)

const processes: AppProcess[] = [];
const downstreams: Downstream[] = [];
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await Promise.all(downstreams.map((d) => d.close()));
});

async function runMode(mode: 'bullmq' | 'pg-boss' | 'direct') {
  const downstream = await startDownstream();
  downstreams.push(downstream);
  const env = engineEnv(mode, downstream.url, { CONCURRENCY: '20', DELAY_MS: '500', MAX_DELAY_MS: '2000', ATTEMPTS: '1000' });
  const receiver = await startReceiver(env);
  processes.push(receiver);
  if (mode !== 'direct') processes.push(await startWorker(env));

  downstream.up = false;
  const ids: string[] = [];
  const sends: Promise<Delivery>[] = [];
  const started = Date.now();
  for (let n = 0; Date.now() - started < OUTAGE_MS; n++) {
    const msgId = `${mode}-${n}-${randomUUID()}`;
    ids.push(msgId);
    const url = `${receiver.url}/douyin/webhook`;
    sends.push(deliver(signedPush(url, msgId), AS_DOUYIN));
    if (n % DUPLICATE_EVERY === 0) sends.push(deliver(signedPush(url, msgId), AS_DOUYIN));
    await new Promise((r) => setTimeout(r, EVERY_MS));
  }
  const deliveries = await Promise.all(sends);
  downstream.up = true;
  const back = Date.now();
  const expected = mode === 'direct' ? ids.filter((id) => downstream.handled.has(id)) : ids;
  await waitFor(() => expected.every((id) => downstream.handled.has(id)), 60_000, 200);
  const drainedMs = Date.now() - back;
  await new Promise((r) => setTimeout(r, 2000)); // room for a second run to show up
  const refused = deliveries.filter((d) => !d.delivered).length;
  return { mode, ...tally(ids, downstream.handled), refusedDeliveries: refused, drainedMs };
}

it(`loses nothing and handles nothing twice across a ${OUTAGE_MS / 1000} s downstream outage (durable), unlike direct mode`, async () => {
  const results = await Promise.all([runMode('bullmq'), runMode('pg-boss'), runMode('direct')]);
  console.table(results);
  const [bull, boss, direct] = results;
  for (const durable of [bull!, boss!]) {
    expect(durable.refusedDeliveries).toBe(0); // every delivery got its 200: Douyin gave up on none
    expect(durable.lost).toBe(0);
    expect(durable.twice).toBe(0);
  }
  // Direct mode shows the problem the queue solves: the pushes of the outage were lost.
  expect(direct!.lost).toBeGreaterThan(0);
  expect(direct!.twice).toBe(0);
});
