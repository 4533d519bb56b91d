// Core alone, in one process: verify + parse + validate + dispatch of a 1 KB push through
// `webhooks.handle()` against the same steps hand-written, plus a breakdown of core's steps.
// tinybench; every iteration takes the next push of a pool, so each one is new to the store.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Bench } from 'tinybench';
import { pathToFileURL } from 'node:url';
// DOUYIN_CORE_DIST=<dir of a built core>: measure a patched core (before/after) with the same code.
const coreEntry = process.env.DOUYIN_CORE_DIST ? pathToFileURL(`${process.env.DOUYIN_CORE_DIST}/index.js`).href : '@douyin-push/core';
const { createDouyinWebhooks, envelopeSchema, eventSchemas, memoryDedupe, verifySignature } = await import(coreEntry);
import { createHandReceiver } from './lib/hand.mjs';
import { makePush, SECRET } from './lib/push.mjs';

// A store of 1 000 ids and a pool of 20 000 pushes: an id is long evicted when it comes back,
// so every push takes the "new push" path, in both receivers.
const POOL = 20_000;
const MAX = 1_000;

export async function benchCore({ time = Number(process.env.BENCH_CORE_MS ?? 1500) } = {}) {
  const pushes = Array.from({ length: POOL }, (_, i) => makePush(i, 'c'));
  const requests = pushes.map((p) => ({
    method: 'POST',
    url: '/douyin/webhook',
    headers: { 'content-type': 'application/json', 'x-douyin-signature': p.signature, 'msg-id': p.msgId },
    body: p.bytes,
    adapter: 'node',
  }));
  let handled = 0;
  const webhooks = createDouyinWebhooks({ clientSecret: SECRET, dedupe: memoryDedupe({ max: MAX }) });
  webhooks.onAny(() => void handled++);
  const noDedupe = createDouyinWebhooks({ clientSecret: SECRET, dedupe: false });
  noDedupe.onAny(() => void handled++);
  const hand = createHandReceiver({ secret: SECRET, max: MAX, handler: () => void handled++ });
  const store = memoryDedupe({ max: MAX });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const orderSchema = eventSchemas.life_trade_order_notify;
  const content = JSON.parse(JSON.parse(pushes[0].bytes.toString()).content);

  let i = 0;
  const next = () => (i = (i + 1) % POOL);
  const bench = new Bench({ time, warmupTime: 300 });
  bench
    .add('core: webhooks.handle()', async () => {
      const reply = await webhooks.handle(requests[next()]);
      if (reply.status !== 200) throw new Error(reply.body);
    })
    .add('hand-written receiver', async () => {
      const p = pushes[next()];
      if ((await hand(p.bytes, p.signature, p.msgId)) !== 200) throw new Error('hand failed');
    })
    .add('core: handle() with dedupe: false', async () => {
      const reply = await noDedupe.handle(requests[next()]);
      if (reply.status !== 200) throw new Error(reply.body);
    })
    .add('step: verifySignature()', () => {
      const p = pushes[next()];
      if (!verifySignature(p.bytes, p.signature, [SECRET])) throw new Error('bad');
    })
    .add('step (hand): sha1 + timingSafeEqual', () => {
      const p = pushes[next()];
      const expected = createHash('sha1').update(SECRET, 'utf8').update(p.bytes).digest();
      if (!timingSafeEqual(expected, Buffer.from(p.signature, 'hex'))) throw new Error('bad');
    })
    .add('step: TextDecoder(fatal) + JSON.parse + envelopeSchema', () => {
      envelopeSchema.parse(JSON.parse(decoder.decode(pushes[next()].bytes)));
    })
    .add('step (hand): toString + JSON.parse', () => {
      JSON.parse(pushes[next()].bytes.toString('utf8'));
    })
    .add('step: JSON.parse(content)', () => {
      JSON.parse(JSON.parse(pushes[next()].bytes.toString('utf8')).content);
    })
    .add('step: order schema safeParse(content)', () => {
      if (!orderSchema.safeParse(content).success) throw new Error('schema');
    })
    .add('step: memoryDedupe claim + complete', async () => {
      const key = `k:${pushes[next()].msgId}`;
      const claim = await store.claim(key);
      await store.complete(key, claim.token);
    })
    .add('step: setTimeout + clearTimeout', () => {
      clearTimeout(setTimeout(() => undefined, 2500));
    });
  await bench.run();
  const rows = bench.tasks.map((t) => ({
    name: t.name,
    nsPerOp: t.result.latency.p50 * 1e6,
    meanNs: t.result.latency.mean * 1e6,
    opsPerSec: t.result.throughput.mean,
    rme: t.result.latency.rme,
    samples: t.result.latency.samples.length,
  }));
  const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
  const ratio = byName['core: webhooks.handle()'].meanNs / byName['hand-written receiver'].meanNs;
  return { poolSize: POOL, storeMax: MAX, pushBytes: pushes[0].bytes.length, rows, ratio, handled };
}

export function coreTable(result) {
  return result.rows.map((r) => ({
    task: r.name,
    'mean ns/op': r.meanNs.toFixed(0),
    'median ns/op': r.nsPerOp.toFixed(0),
    'ops/s': r.opsPerSec.toFixed(0),
    '±%': r.rme.toFixed(1),
  }));
}

// `--json`: print the result as JSON (bench/run.mjs runs each part in its own pinned process).
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchCore();
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  else console.table(coreTable(result));
}
