// One worker process: runs stored pushes through the handlers; the handler hands each push to
// the downstream (the app's database / partner API), which may be down.
// env: ENGINE, REDIS_URL (also for the dedupe store), DEDUPE_PREFIX, PROCESSING_TTL_MS,
//      DOWNSTREAM, CONCURRENCY, ATTEMPTS, DELAY_MS, MAX_DELAY_MS, and support/engines.mjs's.
// Prints {"ready":true} once consuming, and one {"error":code,"message":...} line per report.
import { createDouyinWorker } from '@douyin-push/queue';
import { redisDedupe } from '@douyin-push/redis';
import { Redis } from 'ioredis';
import { openQueue } from './support/engines.mjs';

const env = process.env;
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
redis.on('error', () => undefined);
const queue = openQueue(env);
const worker = createDouyinWorker({
  queue,
  concurrency: Number(env.CONCURRENCY ?? 10),
  retries: {
    attempts: Number(env.ATTEMPTS ?? 200),
    backoff: { delayMs: Number(env.DELAY_MS ?? 500), maxDelayMs: Number(env.MAX_DELAY_MS ?? 2000) },
  },
  dedupe: redisDedupe({ client: redis, prefix: env.DEDUPE_PREFIX, processingTtlMs: Number(env.PROCESSING_TTL_MS ?? 60_000) }),
});
worker.onAny(async (event) => {
  const res = await fetch(`${env.DOWNSTREAM}/handle`, { method: 'POST', body: JSON.stringify({ msgId: event.msgId }) });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`downstream answered ${res.status}`);
});
worker.onError((error) => process.stdout.write(`${JSON.stringify({ error: error.code, message: error.message })}\n`));
await worker.start();
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);

process.on('SIGTERM', async () => {
  await worker.close();
  await queue.close();
  redis.disconnect();
  process.exit(0);
});
