// Micro-benchmarks behind the findings in README.md ("Where core's time goes"): each pair is
// what core does today on the hot path and a cheaper way to do the same. `node bench/micro.mjs`
import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { Bench } from 'tinybench';
import { envelopeSchema } from '@douyin-push/core/adapter';
import { makePush } from './lib/push.mjs';

const pushes = Array.from({ length: 1000 }, (_, i) => makePush(i, 'm'));
const decoder = new TextDecoder('utf-8', { fatal: true });
const envelopes = pushes.map((p) => JSON.parse(p.bytes.toString()));
let i = 0;
const next = () => (i = (i + 1) % pushes.length);
let counter = 0;
const handler = () => undefined;

const bench = new Bench({ time: 700, warmupTime: 200 });
bench
  .add('utf8: TextDecoder(fatal).decode', () => decoder.decode(pushes[next()].bytes))
  .add('utf8: isUtf8() + toString', () => {
    const b = pushes[next()].bytes;
    if (!isUtf8(b)) throw new Error();
    return b.toString('utf8');
  })
  .add('envelope: envelopeSchema.safeParse', () => envelopeSchema.safeParse(envelopes[next()]))
  .add('envelope: typeof checks (zod only on failure)', () => {
    const e = envelopes[next()];
    const ok =
      typeof e.event === 'string' &&
      e.event.length > 0 &&
      (e.client_key === undefined || typeof e.client_key === 'string') &&
      (e.log_id === undefined || typeof e.log_id === 'string') &&
      (e.msg_id === undefined || typeof e.msg_id === 'string') &&
      (e.from_user_id === undefined || typeof e.from_user_id === 'string') &&
      (e.to_user_id === undefined || typeof e.to_user_id === 'string');
    if (!ok) envelopeSchema.safeParse(e);
    return ok;
  })
  .add('hex: regex test + Buffer.from', () => {
    const s = pushes[next()].signature;
    return /^[0-9a-fA-F]*$/.test(s) ? Buffer.from(s, 'hex') : undefined;
  })
  .add('hex: Buffer.from + length check', () => {
    const b = Buffer.from(pushes[next()].signature, 'hex');
    return b.length === 20 ? b : undefined;
  })
  .add('timeout: Promise.race with setTimeout per push', async () => {
    let timer;
    const timedOut = new Promise((resolve) => (timer = setTimeout(resolve, 2500, 'timeout')));
    try {
      await Promise.race([Promise.resolve(), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  })
  .add('timeout: none (await only)', async () => {
    await Promise.resolve();
  })
  .add('dispatch: new Promise per handler + allSettled', async () => {
    const run = [];
    [handler].forEach((h) => run.push(new Promise((resolve) => resolve(h()))));
    const results = await Promise.allSettled(run);
    results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  })
  .add('dispatch: one handler awaited directly', async () => {
    await handler();
  })
  .add('token: randomUUID()', () => `p${randomUUID()}`)
  .add('token: counter', () => `p${++counter}`);
await bench.run();
console.table(
  bench.tasks.map((t) => ({
    task: t.name,
    'median ns/op': (t.result.latency.p50 * 1e6).toFixed(0),
    'mean ns/op': (t.result.latency.mean * 1e6).toFixed(0),
  })),
);
