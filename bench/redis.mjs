// Redis round trips per push on the hot path (counted by Redis itself: INFO commandstats after
// CONFIG RESETSTAT), and the time a push takes with the Redis store, for ioredis and node-redis.
// REDIS_URL when set, else a redis-server of our own on a free port.
import { tsImport } from 'tsx/esm/api';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { createDouyinWebhooks } from '@douyin-push/core';
import { redisDedupe } from '@douyin-push/redis';
import { makePush, SECRET } from './lib/push.mjs';

const clients = {
  ioredis: async (url) => {
    const c = new Redis(url, { lazyConnect: true });
    await c.connect();
    return { client: c, close: () => c.disconnect() };
  },
  'node-redis': async (url) => {
    const c = createClient({ url });
    await c.connect();
    return { client: c, close: () => c.destroy() };
  },
};

// Redis's MONITOR feed tells a client's commands from those a Lua script runs inside Redis
// (source "lua"): only the first are round trips.
async function watch(admin) {
  const monitor = await admin.monitor();
  const calls = {};
  monitor.on('monitor', (_time, args, source) => {
    if (source === 'lua') return;
    const name = String(args[0]).toLowerCase();
    if (name !== 'ping') calls[name] = (calls[name] ?? 0) + 1;
  });
  return { calls, stop: () => monitor.disconnect() };
}

async function measure(kind, url, admin, n) {
  const { client, close } = await clients[kind](url);
  const prefix = `douyin-push-bench:${process.pid}:${kind}:`;
  const webhooks = createDouyinWebhooks({ clientSecret: SECRET, dedupe: redisDedupe({ client, prefix }) });
  let fail = false;
  webhooks.onAny(() => {
    if (fail) throw new Error('bench failure');
  });
  const errors = {};
  webhooks.onError((e) => void (errors[e.code] = (errors[e.code] ?? 0) + 1));
  const req = (p) => ({ method: 'POST', headers: { 'x-douyin-signature': p.signature, 'msg-id': p.msgId }, body: p.bytes });
  const pushes = Array.from({ length: n }, (_, i) => makePush(i, kind[0]));
  await webhooks.handle(req(makePush(1e9, 'w'))); // loads the scripts (EVAL once, then EVALSHA)

  const phase = async (name, list, expect, concurrency = 1) => {
    const monitor = concurrency === 1 ? await watch(admin) : undefined;
    for (const k of Object.keys(errors)) delete errors[k];
    const started = performance.now();
    for (let i = 0; i < list.length; i += concurrency) {
      const replies = await Promise.all(list.slice(i, i + concurrency).map((p) => webhooks.handle(req(p))));
      for (const r of replies) if (r.status !== expect) throw new Error(`${name}: ${r.status} ${r.body}`);
    }
    const ms = performance.now() - started;
    // MONITOR lines arrive asynchronously: give the last ones a moment.
    await new Promise((resolve) => setTimeout(resolve, 100));
    monitor?.stop();
    const calls = monitor?.calls;
    const roundTrips = calls ? Object.values(calls).reduce((a, b) => a + b, 0) : NaN;
    return {
      phase: name,
      errors: { ...errors },
      pushes: list.length,
      commands: calls,
      roundTripsPerPush: roundTrips / list.length,
      usPerPush: (ms * 1000) / list.length,
      concurrency,
    };
  };
  const half = n / 2;
  const rows = [
    await phase('new push, handled', pushes.slice(0, half), 200),
    await phase('duplicate of a handled push', pushes.slice(0, half), 200),
    await phase('new push, 32 concurrent, no MONITOR (time only)', pushes.slice(half), 200, 32),
  ];
  fail = true;
  rows.push(
    await phase(
      'new push, handler fails',
      Array.from({ length: 200 }, (_, i) => makePush(i, 'f')),
      500,
    ),
  );
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length) await admin.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await close();
  return { client: kind, rows };
}

export async function benchRedis(n = Number(process.env.BENCH_REDIS_PUSHES ?? 4000)) {
  let server;
  let url = process.env.REDIS_URL;
  if (!url) {
    const { startRedisServer } = await tsImport('../packages/redis/test/support/redis-server.ts', import.meta.url);
    server = await startRedisServer();
    url = server.url;
  }
  const admin = new Redis(url);
  try {
    const results = [];
    for (const kind of Object.keys(clients)) results.push(await measure(kind, url, admin, n));
    return { redis: (await admin.info('server')).match(/redis_version:(\S+)/)?.[1], ownServer: !!server, results };
  } finally {
    admin.disconnect();
    await server?.stop('SIGTERM');
  }
}

export function redisTable(r) {
  return r.results.flatMap(({ client, rows }) =>
    rows.map((row) => ({
      client,
      push: row.phase,
      'round trips/push': row.commands ? row.roundTripsPerPush.toFixed(2) : '(not counted)',
      commands: row.commands
        ? Object.entries(row.commands)
            .map(([c, k]) => `${c}×${k}`)
            .join(' ')
        : '',
      'µs/push': row.usPerPush.toFixed(0),
      onError: Object.entries(row.errors)
        .map(([c, k]) => `${c}×${k}`)
        .join(' '),
    })),
  );
}

// `--json`: print the result as JSON (bench/run.mjs runs each part in its own pinned process).
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchRedis();
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  else console.table(redisTable(result));
}
