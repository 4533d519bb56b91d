// Server CPU per push, per framework: the douyin-push adapter against a hand-written receiver
// doing the same work on the same framework (bench/lib/hand.mjs). Each server is its own
// process pinned to CPU 1; autocannon runs in this process, which run.mjs pins to CPU 0.
// Rounds interleave (adapter, hand, adapter, hand, ...) within a pair of fresh server
// processes, and several such pairs run one after the other: the same code settles into a
// different JIT state in each process (the same fastify build read 1.06x in one pair and 1.30x
// in the next, with rounds inside a pair within a few per cent: bench/README.md), so one pair
// measures which state it drew. Like JMH's forks, the figure is the median over the pairs.
// `node bench/http.mjs [frameworks...]` (after `pnpm build`)
// env: BENCH_DURATION (s per measured run, default 4), BENCH_ROUNDS (3), BENCH_WARMUP (s, 3),
//      BENCH_PROCESSES (pairs of server processes, 1), BENCH_CONNECTIONS (16),
//      BENCH_VARIANTS (adapter,hand; add bare for the framework floor, or adapter:no-dedupe,
//      adapter:no-schema, adapter:msgid-key, adapter:template-key to price one part of the
//      adapter's work, or hand:garbage<N>: the hand-written receiver plus N bytes of short-lived
//      allocation per push),
//      BENCH_NODE_FLAGS (V8/Node flags for every server, e.g. `--single-threaded-gc`, to test
//      what the collector's settings do to the ratio)
import autocannon from 'autocannon';
import { makePush, PATH } from './lib/push.mjs';
import { median, startServer } from './lib/proc.mjs';

export const FRAMEWORKS = ['node', 'express5', 'express4', 'fastify', 'koa3', 'koa2', 'web'];
export const LABELS = {
  node: 'node:http',
  express5: 'express 5',
  express4: 'express 4',
  fastify: 'fastify 5',
  koa3: 'koa 3',
  koa2: 'koa 2',
  web: 'web handleRequest',
};
export const TARGET = 1.15;

const duration = Number(process.env.BENCH_DURATION ?? 4);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const warmup = Number(process.env.BENCH_WARMUP ?? 3);
const processes = Number(process.env.BENCH_PROCESSES ?? 1);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const variants = (process.env.BENCH_VARIANTS ?? 'adapter,hand').split(',');
const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
if (!variants.includes('adapter') || !variants.includes('hand'))
  throw new Error('BENCH_VARIANTS must include adapter and hand (the ratio compares them)');
let counter = 0;
const run = `${process.pid.toString(16)}`;

/**
 * Signed pushes at `origin` from `connections` connections, for `seconds` or, with
 * `{ amount }`, for that many requests (bench/instructions.mjs). Resolves with autocannon's result.
 */
export function load(origin, seconds, { amount, timeout } = {}) {
  return autocannon({
    url: origin,
    connections,
    ...(amount === undefined ? { duration: seconds } : { amount }),
    ...(timeout === undefined ? {} : { timeout }),
    requests: [
      {
        method: 'POST',
        path: PATH,
        // A new push (new Msg-Id, new signature) on every request: the dedupe store does real
        // work (a miss, an insert and an eviction) on every push, in both receivers.
        setupRequest(req) {
          const push = makePush(counter++, run);
          req.body = push.bytes;
          req.headers = { 'content-type': 'application/json', 'x-douyin-signature': push.signature, 'msg-id': push.msgId };
          return req;
        },
      },
    ],
  });
}

async function measure(server, seconds) {
  await server.stats(true);
  const result = await load(server.origin, seconds);
  const stats = await server.stats();
  const ok = result['2xx'];
  // Replies still in flight when autocannon stops are served but not counted by it.
  if (Math.abs(ok - stats.pushes) > connections || result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `${server.framework}/${server.variant}: ${ok} 2xx, ${result.non2xx} non-2xx, ${result.errors} errors, server counted ${stats.pushes}`,
    );
  }
  const seconds_ = result.duration || seconds;
  return {
    rps: ok / seconds_,
    cpuUsPerPush: stats.cpuUs / stats.pushes,
    // The kernel's share: on loopback, sending a reply also runs the receiving side's TCP work.
    sysUsPerPush: stats.systemUs / stats.pushes,
    // Share of the server's CPU it used: ~100 % means the server, not the load generator, set the pace.
    busy: stats.cpuUs / 1e6 / seconds_,
    gcUsPerPush: (stats.gcMs * 1e3) / stats.pushes,
    p99Ms: result.latency.p99,
  };
}

/** One pair of fresh servers of a framework, side by side, measured in strictly alternating order. */
async function benchPair(framework) {
  const servers = [];
  try {
    for (const variant of variants) {
      const server = await startServer(framework, variant, { nodeFlags });
      await fetch(`${server.origin}/__prefill`);
      servers.push(server);
    }
    for (const server of servers) await measure(server, warmup); // JIT, sockets, store churn
    const samples = Object.fromEntries(variants.map((v) => [v, []]));
    for (let round = 0; round < rounds; round++) {
      for (const server of servers) samples[server.variant].push(await measure(server, duration));
    }
    return samples;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

const KEYS = ['rps', 'cpuUsPerPush', 'sysUsPerPush', 'busy', 'gcUsPerPush', 'p99Ms'];
const medians = (samples) => Object.fromEntries(KEYS.map((k) => [k, median(samples.map((x) => x[k]))]));

/**
 * One framework: `processes` pairs in turn. Each figure is the median over the pairs of each
 * pair's median over its rounds; `ratioRange` is the spread of the pairs' own ratios.
 */
export async function benchFramework(framework) {
  const pairs = [];
  for (let i = 0; i < processes; i++) pairs.push(await benchPair(framework));
  const row = { framework };
  for (const v of variants) {
    const perPair = pairs.map((samples) => medians(samples[v]));
    row[v] = { samples: pairs.map((samples) => samples[v]), ...Object.fromEntries(KEYS.map((k) => [k, median(perPair.map((m) => m[k]))])) };
  }
  row.ratio = row.adapter.cpuUsPerPush / row.hand.cpuUsPerPush;
  const perPair = pairs.map(
    (samples) => median(samples.adapter.map((x) => x.cpuUsPerPush)) / median(samples.hand.map((x) => x.cpuUsPerPush)),
  );
  row.ratioRange = [Math.min(...perPair), Math.max(...perPair)];
  row.pairRatios = perPair;
  return row;
}

export async function benchHttp(frameworks = FRAMEWORKS) {
  const rows = [];
  for (const framework of frameworks) {
    process.stderr.write(`  http: ${framework}...\n`);
    rows.push(await benchFramework(framework));
  }
  return { duration, rounds, warmup, processes, connections, variants, pushBytes: makePush(0).bytes.length, rows };
}

export function httpTable(result) {
  const f = (n, d = 1) => n.toFixed(d);
  return result.rows.map((r) => ({
    framework: LABELS[r.framework] ?? r.framework,
    'adapter µs/push': f(r.adapter.cpuUsPerPush),
    'hand µs/push': f(r.hand.cpuUsPerPush),
    ...Object.fromEntries(
      result.variants.filter((v) => v !== 'adapter' && v !== 'hand').map((v) => [`${v} µs/push`, f(r[v].cpuUsPerPush)]),
    ),
    'adapter/hand': `${f(r.ratio, 2)}x`,
    'pairs (adapter/hand each)': (r.pairRatios ?? r.ratioRange).map((x) => f(x, 2)).join(' '),
    target: `≤ ${TARGET}x ${r.ratio <= TARGET ? 'met' : 'MISSED'}`,
    'req/s a / h': `${f(r.adapter.rps, 0)} / ${f(r.hand.rps, 0)}`,
    'server busy a / h': `${f(r.adapter.busy * 100, 0)}% / ${f(r.hand.busy * 100, 0)}%`,
    'GC µs/push a / h': `${f(r.adapter.gcUsPerPush)} / ${f(r.hand.gcUsPerPush)}`,
    'kernel µs/push a / h': `${f(r.adapter.sysUsPerPush)} / ${f(r.hand.sysUsPerPush)}`,
  }));
}

// `--json`: print the result as JSON (bench/run.mjs runs each part in its own pinned process).
if (import.meta.url === `file://${process.argv[1]}`) {
  const names = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const result = await benchHttp(names.length ? names : undefined);
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  else console.table(httpTable(result));
}
