// Core alone, in one process (run.mjs pins it to CPU 1): `receiver.handle()` with the bytes in
// memory against the same steps written by hand (bench/lib/hand.mjs), both with a dedupe store
// of 100 000 ids prefilled (memoryDedupe's default max; the hand-written Map has the same bound)
// and a new Msg-Id on every push, so each push is a miss, an insert and an eviction in both.
// Each round runs N pushes back to back (one `await` each, like a server) and reads
// process.cpuUsage(); rounds alternate core, hand, core, hand...; medians. Then the cost of each
// step core takes, measured the same way, to show where the difference goes.
// env: BENCH_CORE_N (pushes per round, default 100 000), BENCH_CORE_ROUNDS (default 5)
import { pathToFileURL } from 'node:url';
// DOUYIN_CORE_DIST=<dir of a built core>: measure a patched core (before/after) with the same code.
const coreEntry = process.env.DOUYIN_CORE_DIST ? pathToFileURL(`${process.env.DOUYIN_CORE_DIST}/index.js`).href : '@douyin-push/core';
const adapterEntry = process.env.DOUYIN_CORE_DIST
  ? pathToFileURL(`${process.env.DOUYIN_CORE_DIST}/adapter.js`).href
  : '@douyin-push/core/adapter';
const { eventSchemas, memoryDedupe, verifySignature } = await import(coreEntry);
// Older cores (before the /adapter entry) exported envelopeSchema from the main entry.
const { envelopeSchema } = await import(adapterEntry).catch(() => import(coreEntry));
import { createHash, timingSafeEqual } from 'node:crypto';
import { prefillStore } from './lib/hand.mjs';
import { coreSubject } from './lib/core-subjects.mjs';
import { CLIENT_KEY, makePush, msgIdOf, SECRET } from './lib/push.mjs';
import { median } from './lib/proc.mjs';

export const TARGET = 1.3;
const N = Number(process.env.BENCH_CORE_N ?? 100_000);
const ROUNDS = Number(process.env.BENCH_CORE_ROUNDS ?? 5);
const BODIES = 1024;

const cpuNow = () => {
  const c = process.cpuUsage();
  return c.user + c.system;
};

export async function benchCore() {
  // The three paths of bench/lib/core-subjects.mjs (the same setup as profile-core.mjs and the
  // instruction counts), each with its own receiver, store and Msg-Ids.
  const paths = {};
  for (const [label, subject] of [
    ['core', 'core'],
    ['hand', 'hand'],
    ['core, dedupe: false', 'core-nodedupe'],
  ])
    paths[label] = await coreSubject(subject);
  const timed = async (fn, n) => {
    const start = cpuNow();
    await fn(n);
    return (cpuNow() - start) / n;
  };
  for (const fn of Object.values(paths)) await fn(Math.min(N, 30_000)); // warm-up: JIT
  const samples = Object.fromEntries(Object.keys(paths).map((k) => [k, []]));
  for (let r = 0; r < ROUNDS; r++) for (const [name, fn] of Object.entries(paths)) samples[name].push(await timed(fn, N));
  const us = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
  const perRound = samples.core.map((c, i) => c / samples.hand[i]);

  // 1 024 signed bodies for the steps below, measured one at a time.
  const pushes = Array.from({ length: BODIES }, (_, i) => makePush(i, 'c'));
  let seq = 0;
  // The steps, one at a time (same bodies; sync steps in a plain loop).
  const store = memoryDedupe();
  await prefillStore(store, CLIENT_KEY);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const schema = eventSchemas.life_trade_certificate_notify;
  const content = JSON.parse(JSON.parse(pushes[0].bytes.toString()).content);
  const sync = (fn) => async (n) => {
    for (let i = 0; i < n; i++) fn(pushes[i % BODIES]);
  };
  const steps = {
    'verifySignature() (core)': sync((p) => verifySignature(p.bytes, p.signature, [SECRET])),
    'sha1 + timingSafeEqual (hand)': sync((p) =>
      timingSafeEqual(createHash('sha1').update(SECRET, 'utf8').update(p.bytes).digest(), Buffer.from(p.signature, 'hex')),
    ),
    'TextDecoder(fatal) + JSON.parse + envelopeSchema.safeParse (core)': sync((p) =>
      envelopeSchema.safeParse(JSON.parse(decoder.decode(p.bytes))),
    ),
    'toString + JSON.parse (hand)': sync((p) => JSON.parse(p.bytes.toString('utf8'))),
    'JSON.parse(content) (both)': sync(() =>
      JSON.parse(
        '{"action": "verify","msg_time": 1665991178,"certificate": {"certificate_id": "456","order_id": "123","account_id": "1234"}}',
      ),
    ),
    'certificate schema safeParse(content) (core)': sync(() => schema.safeParse(content)),
    'memoryDedupe claim + complete, evicting (core)': async (n) => {
      for (let i = 0; i < n; i++) {
        const key = `${CLIENT_KEY}:${msgIdOf(seq++, 'e')}`;
        const claim = await store.claim(key);
        await store.complete(key, claim.token);
      }
    },
    'Map + ring: has, set, delete oldest (hand)': (() => {
      const seen = new Map();
      const ring = new Array(100_000);
      let head = 0;
      for (let i = 0; i < 100_000; i++) seen.set((ring[i] = `${CLIENT_KEY}:g${i}`), 1);
      return sync(() => {
        const id = `${CLIENT_KEY}:${msgIdOf(seq++, 'h')}`;
        if (seen.has(id)) return;
        seen.delete(ring[head]);
        ring[head] = id;
        head = head + 1 === 100_000 ? 0 : head + 1;
        seen.set(id, 1);
      });
    })(),
    'old baseline: Map FIFO via keys().next(), 100 000 ids (hand)': (() => {
      const seen = new Map();
      for (let i = 0; i < 100_000; i++) seen.set(`${CLIENT_KEY}:o${i}`, 1);
      return sync(() => {
        seen.set(`${CLIENT_KEY}:${msgIdOf(seq++, 'o')}`, 1);
        if (seen.size > 100_000) seen.delete(seen.keys().next().value);
      });
    })(),
  };
  const stepRows = [];
  for (const [name, fn] of Object.entries(steps)) {
    await fn(20_000);
    const s = [];
    for (let r = 0; r < 3; r++) s.push(await timed(fn, 50_000));
    stepRows.push({ name, us: median(s) });
  }
  return {
    n: N,
    rounds: ROUNDS,
    pushBytes: pushes[0].bytes.length,
    us,
    ratio: us.core / us.hand,
    ratioRange: [Math.min(...perRound), Math.max(...perRound)],
    steps: stepRows,
  };
}

export function coreTable(result) {
  const f = (n, d = 2) => n.toFixed(d);
  return [...Object.entries(result.us).map(([k, v]) => ({ path: k, 'µs CPU/push': f(v), 'vs hand': `${f(v / result.us.hand)}x` }))];
}

export function stepsTable(result) {
  return result.steps.map((s) => ({ step: s.name, 'µs/push': s.us.toFixed(2) }));
}

// `--json`: print the result as JSON (bench/run.mjs runs each part in its own pinned process).
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchCore();
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    console.table(coreTable(result));
    console.log(
      `core / hand: ${result.ratio.toFixed(2)}x (rounds ${result.ratioRange.map((x) => x.toFixed(2)).join('–')}), target ≤ ${TARGET}x`,
    );
    console.table(stepsTable(result));
  }
}
