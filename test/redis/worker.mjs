// One instance of a Douyin push receiver app, as it runs in production: its own process, a
// plain node:http server on a free port, the built packages, a shared Redis for dedupe.
// It counts what its handlers did and tells the test over GET /stats.
//
// env: REDIS_URL, CLIENT_KIND ('ioredis' | 'node-redis'), SECRET, PREFIX, WORKER_NAME,
//      FAIL_PREFIX (handlers throw for msg ids starting with it), REDIS_TIMEOUT_MS,
//      PROCESSING_TTL_MS
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDouyinWebhooks } from '@douyin-push/core';
import { toNodeListener } from '@douyin-push/core/node';
import { redisDedupe } from '@douyin-push/redis';
import { Redis } from 'ioredis';
import { createClient } from 'redis';

const env = process.env;
const name = env.WORKER_NAME ?? `worker-${process.pid}`;

async function connect() {
  if (env.CLIENT_KIND === 'node-redis') {
    const client = createClient({ url: env.REDIS_URL });
    client.on('error', () => undefined); // reconnects on its own; the store reports failures
    await client.connect();
    return { client, close: () => client.destroy() };
  }
  const client = new Redis(env.REDIS_URL, { lazyConnect: true });
  client.on('error', () => undefined);
  await client.connect();
  return { client, close: () => client.disconnect() };
}

const redis = await connect();
const store = redisDedupe({
  client: redis.client,
  prefix: env.PREFIX,
  timeoutMs: Number(env.REDIS_TIMEOUT_MS ?? 1000),
  processingTtlMs: Number(env.PROCESSING_TTL_MS ?? 10_000),
});

// Keys whose handlers succeeded but whose completion Redis never confirmed: the one window in
// which a later duplicate can run again (the work is done, the record of it is not).
const unrecorded = new Set();
const dedupe = {
  claim: (key) => store.claim(key),
  complete: (key, token) =>
    store.complete(key, token).catch((error) => {
      unrecorded.add(key.slice(key.indexOf(':') + 1));
      throw error;
    }),
  release: (key, token) => store.release(key, token),
};

const webhooks = createDouyinWebhooks({ clientSecret: env.SECRET, dedupe });
const handled = new Map();
const attempts = new Map();
const errors = new Map();
webhooks.onAny(async (event) => {
  attempts.set(event.msgId, (attempts.get(event.msgId) ?? 0) + 1);
  // A little real asynchrony, so deliveries of one message overlap across processes.
  await sleep(Math.floor(Math.random() * 4));
  if (env.FAIL_PREFIX && event.msgId.startsWith(env.FAIL_PREFIX)) throw new Error(`${name} fails on purpose`);
  handled.set(event.msgId, (handled.get(event.msgId) ?? 0) + 1);
});
webhooks.onError((error) => errors.set(error.code, (errors.get(error.code) ?? 0) + 1));

const receive = toNodeListener(webhooks, { path: '/douyin/webhook' });
const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    const body = JSON.stringify({
      name,
      handled: Object.fromEntries(handled),
      attempts: Object.fromEntries(attempts),
      errors: Object.fromEntries(errors),
      unrecorded: [...unrecorded],
    });
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    return;
  }
  receive(req, res);
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ ready: server.address().port, name })}\n`);
});

process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  redis.close();
  process.exit(0);
});
