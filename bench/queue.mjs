// `node bench/queue.mjs` (after `pnpm build`): durable mode against direct handling, on express.
//  1. Receiver CPU per push: direct (handler runs inline, memory dedupe) vs enqueue on BullMQ /
//     pg-boss (verify, store, 200). The receiver's own process CPU (process.cpuUsage), and for
//     BullMQ also Redis's (INFO cpu): the engine's share of the work.
//  2. End-to-end latency, POST sent → handler started in a worker process, p50 / p99, at a
//     steady 100 pushes/s.
//  3. Throughput of one worker process (concurrency 10, empty handler) on a pre-filled queue.
// env: REDIS_URL (default redis://127.0.0.1:6379), DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test),
//      BENCH_QUEUE_PUSHES (default 3000). Prints tables; --json prints one JSON line instead.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { buildPush, sampleContents } from '@douyin-push/core/testing';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = 'douyin_push_bench';
const PUSHES = Number(process.env.BENCH_QUEUE_PUSHES ?? 3000);
const SECRET = 'bench-queue-secret';
const self = fileURLToPath(import.meta.url);
const role = process.argv[2];

async function openQueue(engine, name) {
  if (engine === 'bullmq') {
    const { bullmqQueue } = await import('@douyin-push/queue/bullmq');
    const url = new URL(REDIS_URL);
    return bullmqQueue({ connection: { host: url.hostname, port: Number(url.port || 6379) }, name });
  }
  const { pgBossQueue } = await import('@douyin-push/queue/pg-boss');
  return pgBossQueue({
    connectionString: DATABASE_URL,
    name,
    pollingIntervalMs: 100,
    bossOptions: { schema: SCHEMA, migrate: false, supervise: false, schedule: false, max: 10 },
  });
}

function push(msgId) {
  const sample = sampleContents.life_trade_order_notify;
  const { body, headers } = buildPush({
    event: 'life_trade_order_notify',
    content: { ...sample, order: { ...sample.order, order_id: msgId } },
    secret: SECRET,
    clientKey: 'awbench',
    fromUserId: '_000bench',
    logId: `log-${msgId}`,
    msgId,
  });
  return { body, headers };
}

// ---- child: an express receiver (direct or durable) ----
if (role === '--receiver') {
  const [, , , mode, name] = process.argv;
  const { default: express } = await import('express');
  const { createDouyinWebhooks } = await import('@douyin-push/core');
  const { douyinWebhook } = await import('@douyin-push/express');
  const queue = mode === 'direct' ? undefined : await openQueue(mode, name);
  const webhooks = createDouyinWebhooks({ clientSecret: SECRET, ...(queue ? { inbox: queue } : {}) });
  if (!queue) webhooks.on('life_trade_order_notify', () => undefined);
  const app = express();
  app.use(douyinWebhook(webhooks, { path: '/douyin/webhook' }));
  let base = process.cpuUsage();
  app.get('/__reset', (_q, res) => void ((base = process.cpuUsage()), res.json({})));
  app.get('/__cpu', (_q, res) => void res.json(process.cpuUsage(base)));
  const server = app.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ ready: server.address().port })));
  process.on('SIGTERM', async () => (server.close(), await queue?.close(), process.exit(0)));
} else if (role === '--worker') {
  // ---- child: one worker; prints {"msgId","at"} when a handler starts ----
  const [, , , engine, name] = process.argv;
  const { createDouyinWorker } = await import('@douyin-push/queue');
  const queue = await openQueue(engine, name);
  const worker = createDouyinWorker({ queue, concurrency: 10 });
  worker.on('life_trade_order_notify', (event) => void process.stdout.write(`${JSON.stringify({ msgId: event.msgId, at: Date.now() })}\n`));
  await worker.start();
  console.log(JSON.stringify({ ready: true }));
  process.on('SIGTERM', async () => (await worker.close(), await queue.close(), process.exit(0)));
} else {
  await main();
}

function child(args) {
  const proc = spawn(process.execPath, [self, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: proc.stdout });
  const ready = new Promise((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line).ready));
    proc.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
  return {
    proc,
    lines,
    ready,
    stop: () => new Promise((r) => (proc.exitCode !== null ? r() : (proc.once('exit', r), proc.kill('SIGTERM')))),
  };
}

async function send(url, msgId) {
  const { body, headers } = push(msgId);
  const res = await fetch(url, { method: 'POST', headers, body });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
}

async function pool(n, concurrency, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

async function redisCpu() {
  const { Redis } = await import('ioredis');
  const r = new Redis(REDIS_URL);
  const info = await r.info('cpu');
  r.disconnect();
  return (Number(/used_cpu_user:([\d.]+)/.exec(info)[1]) + Number(/used_cpu_sys:([\d.]+)/.exec(info)[1])) * 1e6;
}

async function cpuPerPush(mode) {
  const name = `bench-${randomUUID()}`;
  const server = child(['--receiver', mode, name]);
  const url = `http://127.0.0.1:${await server.ready}/douyin/webhook`;
  await pool(300, 16, (i) => send(url, `warm-${i}-${name}`)); // warm up (JIT, connections)
  await fetch(`${url.replace('/douyin/webhook', '')}/__reset`);
  const redisBefore = mode === 'bullmq' ? await redisCpu() : 0;
  const started = performance.now();
  await pool(PUSHES, 16, (i) => send(url, `${i}-${name}`));
  const seconds = (performance.now() - started) / 1000;
  const cpu = await (await fetch(`${url.replace('/douyin/webhook', '')}/__cpu`)).json();
  const redisUs = mode === 'bullmq' ? (await redisCpu()) - redisBefore : undefined;
  await server.stop();
  await cleanup(mode, name);
  return {
    mode,
    receiverCpuUsPerPush: (cpu.user + cpu.system) / PUSHES,
    redisCpuUsPerPush: redisUs === undefined ? undefined : redisUs / PUSHES,
    pushesPerSecond: PUSHES / seconds,
  };
}

async function latency(engine) {
  const name = `bench-${randomUUID()}`;
  const server = child(['--receiver', engine, name]);
  const worker = child(['--worker', engine, name]);
  const url = `http://127.0.0.1:${await server.ready}/douyin/webhook`;
  await worker.ready;
  const sentAt = new Map();
  const delays = [];
  const total = Math.min(PUSHES, 1000);
  const done = new Promise((resolve) => {
    worker.lines.on('line', (line) => {
      const { msgId, at } = JSON.parse(line);
      if (sentAt.has(msgId)) delays.push(at - sentAt.get(msgId));
      if (delays.length === total) resolve();
    });
  });
  for (let i = 0; i < total; i++) {
    const msgId = `${i}-${name}`;
    sentAt.set(msgId, Date.now());
    void send(url, msgId);
    await new Promise((r) => setTimeout(r, 10)); // 100 pushes/s
  }
  await done;
  await Promise.all([server.stop(), worker.stop()]);
  await cleanup(engine, name);
  delays.sort((a, b) => a - b);
  const q = (p) => delays[Math.min(delays.length - 1, Math.floor(p * delays.length))];
  return { engine, pushes: total, p50Ms: q(0.5), p99Ms: q(0.99), maxMs: delays.at(-1) };
}

async function throughput(engine) {
  const name = `bench-${randomUUID()}`;
  const queue = await openQueue(engine, name);
  const { body } = push('x');
  await pool(PUSHES, 32, (i) =>
    queue.enqueue({
      id: `awbench:${i}`,
      name: 'life_trade_order_notify',
      action: 'pay_success',
      msgId: `${i}`,
      clientKey: 'awbench',
      logId: undefined,
      receivedAt: Date.now(),
      body,
      msgIdHeader: undefined,
    }),
  );
  await queue.close();
  const worker = child(['--worker', engine, name]);
  let seen = 0;
  let started;
  const done = new Promise((resolve) =>
    worker.lines.on('line', () => (seen === 0 && (started = performance.now()), ++seen === PUSHES && resolve())),
  );
  await worker.ready;
  await done;
  const seconds = (performance.now() - started) / 1000;
  await worker.stop();
  await cleanup(engine, name);
  return { engine, jobs: PUSHES, seconds: Number(seconds.toFixed(2)), jobsPerSecond: Math.round(PUSHES / seconds) };
}

async function cleanup(mode, name) {
  if (mode === 'bullmq') {
    const { Queue } = await import('bullmq');
    const url = new URL(REDIS_URL);
    const q = new Queue(name, { connection: { host: url.hostname, port: Number(url.port || 6379) } });
    await q.obliterate({ force: true });
    const client = await q.getBackend().client;
    for (let cursor = '0'; ;) {
      const [next, keys] = await client.scan(cursor, { MATCH: q.toKey('douyin-seen:*'), COUNT: 1000 });
      if (keys.length) await client.del(...keys);
      if ((cursor = String(next)) === '0') break;
    }
    await q.close();
  }
}

async function main() {
  const { default: PgBoss } = await import('pg-boss');
  const boss = new PgBoss({ connectionString: DATABASE_URL, schema: SCHEMA, supervise: false, schedule: false });
  boss.on('error', () => undefined);
  await boss.start(); // installs the bench schema once
  const json = process.argv.includes('--json');
  const cpu = [];
  for (const mode of ['direct', 'bullmq', 'pg-boss']) cpu.push(await cpuPerPush(mode));
  const lat = [await latency('bullmq'), await latency('pg-boss')];
  const thr = [await throughput('bullmq'), await throughput('pg-boss')];
  await boss.getDb().executeSql(`DROP SCHEMA ${SCHEMA} CASCADE`, []);
  await boss.stop({ graceful: false, wait: true });
  if (json) return console.log(JSON.stringify({ pushes: PUSHES, cpu, latency: lat, throughput: thr }));
  const direct = cpu[0].receiverCpuUsPerPush;
  console.log(`express receiver, ${PUSHES} signed pushes, 16 in flight`);
  console.table(
    cpu.map((r) => ({
      mode: r.mode,
      'receiver CPU µs/push': Math.round(r.receiverCpuUsPerPush),
      'vs direct': `${(r.receiverCpuUsPerPush / direct).toFixed(2)}x`,
      'Redis CPU µs/push': r.redisCpuUsPerPush === undefined ? '' : Math.round(r.redisCpuUsPerPush),
      'pushes/s': Math.round(r.pushesPerSecond),
    })),
  );
  console.log('POST sent → handler started in a worker process, 100 pushes/s');
  console.table(lat);
  console.log(`one worker process (concurrency 10, empty handler), ${PUSHES} stored jobs`);
  console.table(thr);
}
