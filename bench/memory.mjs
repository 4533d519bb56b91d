// Bytes per remembered Msg-Id in the memory store at 1 million ids, and the bound of `max`.
// Run with --expose-gc (run.mjs does): `node --expose-gc bench/memory.mjs`
import { createDouyinWebhooks, memoryDedupe } from '@douyin-push/core';
import { createHandReceiver, prefillStore } from './lib/hand.mjs';
import { CLIENT_KEY, makePush, msgIdOf, PATH, SECRET } from './lib/push.mjs';

function heap() {
  const gc = globalThis.gc;
  if (!gc) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 4; i++) gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
}

// Keys of a realistic length: a 16-char client key and a 32-hex Msg-Id, like Douyin's (core's
// default identity adds the event name and a 16-hex content digest: about 50 bytes more per id).
const key = (i) => `aw6ufdiwwmx4x7tf:${i.toString(16).padStart(32, '0')}`;

async function fill(store, n, complete = true) {
  for (let i = 0; i < n; i++) {
    const k = key(i);
    const claim = await store.claim(k);
    if (complete && claim.status === 'claimed') await store.complete(k, claim.token);
  }
}

export async function benchMemory(n = Number(process.env.BENCH_MEMORY_IDS ?? 1_000_000)) {
  // Baseline: the hand-written receiver's plain Map of the same keys (no TTL, no LRU order).
  const before0 = heap();
  const plain = new Map();
  for (let i = 0; i < n; i++) plain.set(key(i), 1);
  const plainMapBytes = (heap() - before0) / n;
  plain.clear();

  const before = heap();
  const store = memoryDedupe({ max: n });
  await fill(store, n);
  const completedBytes = (heap() - before) / n;
  const completedSize = store.size;

  // Ids still being handled hold their claim token and deadline as well (maxInFlight raised:
  // a million pushes in flight at once is not a real load, only a way to weigh one claim).
  const before2 = heap();
  const claims = memoryDedupe({ max: n, maxInFlight: n + 1 });
  await fill(claims, n, false);
  const processingBytes = (heap() - before2) / n;

  // The bound: 1 million ids into a store of max 100 000.
  const bounded = memoryDedupe({ max: 100_000 });
  let largest = 0;
  for (let i = 0; i < n; i++) {
    const k = key(i);
    const claim = await bounded.claim(k);
    await bounded.complete(k, claim.token);
    if (bounded.size > largest) largest = bounded.size;
  }
  // Oldest evicted first: the first id is new again, the last is remembered.
  const first = (await bounded.claim(key(0))).status;
  const last = (await bounded.claim(key(n - 1))).status;
  const pipeline = await retainedPerId();
  return {
    ids: n,
    pipeline,
    bytesPerCompletedId: completedBytes,
    bytesPerProcessingId: processingBytes,
    bytesPerIdInPlainMap: plainMapBytes,
    sizeAfterFill: completedSize,
    bounded: { max: 100_000, inserted: n, largestSize: largest, firstIdAfter: first, lastIdAfter: last },
    target: 300,
    keepAlive: [store.size, claims.size],
  };
}

/**
 * Bytes each remembered id keeps alive when the pipeline builds the keys, not this file: the
 * default store behind `webhooks.handle()` and the hand-written receiver's Map (both bounded at
 * 100 000), after 250 000 pushes, so every prefilled id has been replaced. Each Msg-Id is a fresh
 * string, as Node's HTTP parser hands it over. What a key is made of shows here: a key built by
 * a template literal keeps its pieces (bench/README.md, "the default dedupe key is one flat string").
 */
async function retainedPerId(pushes = 250_000, max = 100_000) {
  const bodies = Array.from({ length: 1024 }, (_, i) => makePush(i, 'p'));
  const msgId = (i) => Buffer.from(msgIdOf(i, 'q')).toString('latin1');
  const before = heap();
  const webhooks = createDouyinWebhooks({ clientSecret: SECRET });
  webhooks.onAny(() => undefined);
  await prefillStore(webhooks.dedupe, CLIENT_KEY, max);
  for (let i = 0; i < pushes; i++) {
    const p = bodies[i % bodies.length];
    const headers = { 'x-douyin-signature': p.signature, 'msg-id': msgId(i) };
    const reply = await webhooks.handle({ method: 'POST', url: PATH, headers, body: p.bytes, adapter: 'node' });
    if (reply.status !== 200) throw new Error(reply.body);
  }
  const adapter = (heap() - before) / max;
  const size = webhooks.dedupe.size;

  const before2 = heap();
  const hand = createHandReceiver({ secret: SECRET, max, handler: () => undefined });
  hand.prefill(CLIENT_KEY, max);
  for (let i = 0; i < pushes; i++) {
    const p = bodies[i % bodies.length];
    if ((await hand(p.bytes, p.signature, msgId(i))) !== 200) throw new Error('hand-written receiver refused a push');
  }
  const handBytes = (heap() - before2) / max;
  return { pushes, max, adapter, hand: handBytes, keepAlive: [size, typeof hand] };
}

export function memoryTable(r) {
  return [
    {
      measure: `bytes per completed Msg-Id at ${r.ids.toLocaleString('en')} ids`,
      value: r.bytesPerCompletedId.toFixed(0),
      target: '≤ 300',
    },
    { measure: 'bytes per in-flight Msg-Id (claim token held)', value: r.bytesPerProcessingId.toFixed(0), target: '' },
    { measure: 'baseline: bytes per id in a plain Map of the same keys', value: r.bytesPerIdInPlainMap.toFixed(0), target: '' },
    {
      measure: `bytes per id kept by webhooks.handle()'s store, ${r.pipeline.pushes.toLocaleString('en')} pushes into max ${r.pipeline.max.toLocaleString('en')}`,
      value: r.pipeline.adapter.toFixed(0),
      target: '',
    },
    { measure: "the same, the hand-written receiver's Map", value: r.pipeline.hand.toFixed(0), target: '' },
    {
      measure: `largest size, ${r.ids.toLocaleString('en')} ids into max ${r.bounded.max.toLocaleString('en')}`,
      value: String(r.bounded.largestSize),
      target: `≤ ${r.bounded.max}`,
    },
    {
      measure: 'first id after the fill / last id',
      value: `${r.bounded.firstIdAfter} / ${r.bounded.lastIdAfter}`,
      target: 'claimed / completed',
    },
  ];
}

// `--json`: print the result as JSON (bench/run.mjs runs each part in its own pinned process).
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchMemory();
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  else console.table(memoryTable(result));
}
