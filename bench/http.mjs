// Throughput and server CPU per push, per adapter, against a bare route and a hand-written
// receiver on the same framework, in interleaved rounds. `node bench/http.mjs [frameworks...]`
// env: BENCH_DURATION (s per run, default 2), BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default 16)
import autocannon from 'autocannon';
import { makePush, PATH } from './lib/push.mjs';
import { median, startServer } from './lib/proc.mjs';

export const FRAMEWORKS = ['node', 'express5', 'express4', 'koa3', 'koa2', 'fastify', 'web'];
export const VARIANTS = ['adapter', 'hand', 'bare'];

const duration = Number(process.env.BENCH_DURATION ?? 2);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
let counter = 0;

function load(origin, seconds) {
  return autocannon({
    url: origin,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: PATH,
        // A new push (new Msg-Id, new signature) on every request: nothing is a duplicate.
        setupRequest(req) {
          const push = makePush(counter++);
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
  return { rps: ok / (result.duration || seconds), cpuUsPerPush: stats.cpuUs / stats.pushes, p99Ms: result.latency.p99 };
}

/** Runs one framework: its three servers side by side, rounds interleaved (variant order rotates). */
export async function benchFramework(framework) {
  const servers = [];
  try {
    for (const variant of VARIANTS) servers.push(await startServer(framework, variant));
    for (const server of servers) await measure(server, 1); // warm-up: JIT, sockets
    const samples = Object.fromEntries(VARIANTS.map((v) => [v, []]));
    for (let round = 0; round < rounds; round++) {
      const order = VARIANTS.map((_, i) => servers[(i + round) % servers.length]);
      for (const server of order) samples[server.variant].push(await measure(server, duration));
    }
    const row = { framework };
    for (const v of VARIANTS) {
      row[v] = {
        rps: median(samples[v].map((s) => s.rps)),
        cpuUsPerPush: median(samples[v].map((s) => s.cpuUsPerPush)),
        p99Ms: median(samples[v].map((s) => s.p99Ms)),
        samples: samples[v],
      };
    }
    row.cpuVsHand = row.adapter.cpuUsPerPush / row.hand.cpuUsPerPush;
    row.cpuVsBare = row.adapter.cpuUsPerPush / row.bare.cpuUsPerPush;
    row.rpsVsHand = row.adapter.rps / row.hand.rps;
    return row;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

export async function benchHttp(frameworks = FRAMEWORKS) {
  const rows = [];
  for (const framework of frameworks) {
    process.stderr.write(`  http: ${framework}...\n`);
    rows.push(await benchFramework(framework));
  }
  return { duration, rounds, connections, rows };
}

export function httpTable(result) {
  const f = (n, d = 0) => n.toFixed(d);
  return result.rows.map((r) => ({
    framework: r.framework,
    'adapter req/s': f(r.adapter.rps),
    'hand req/s': f(r.hand.rps),
    'bare req/s': f(r.bare.rps),
    'adapter µs CPU/push': f(r.adapter.cpuUsPerPush, 1),
    'hand µs CPU/push': f(r.hand.cpuUsPerPush, 1),
    'bare µs CPU/push': f(r.bare.cpuUsPerPush, 1),
    'CPU adapter/hand': f(r.cpuVsHand, 2) + (r.cpuVsHand <= 1.15 ? '' : ' ✗'),
    'CPU adapter/bare': f(r.cpuVsBare, 2),
  }));
}

// `--json`: print the result as JSON (bench/run.mjs runs each part in its own pinned process).
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchHttp(process.argv.slice(2).filter((a) => a !== '--json').length ? process.argv.slice(2).filter((a) => a !== '--json') : undefined);
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  else console.table(httpTable(result));
}
