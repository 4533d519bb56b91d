// The worker process: runs the handlers of stored pushes, with retries over hours. Start as
// many as you like, on any machine that reaches the engine. Run: `pnpm --filter example-queue worker`.
import { Redis } from 'ioredis';
import { createDouyinWorker } from '@douyin-push/queue';
import { redisDedupe } from '@douyin-push/redis';
import { openQueue } from './queue.js';

const queue = await openQueue();
const worker = createDouyinWorker({
  queue,
  concurrency: 10,
  // 12 attempts: 10 s, 20 s, 40 s … capped at an hour, about 3.4 hours in all (the default).
  retries: { attempts: 12, backoff: { delayMs: 10_000, maxDelayMs: 3_600_000 } },
  // Optional: completed push ids remembered across workers, so a job the engine runs twice
  // (a worker that lost its lock) reaches the handlers once.
  ...(process.env.REDIS_URL ? { dedupe: redisDedupe({ client: new Redis(process.env.REDIS_URL) }) } : {}),
});

// The same typed handlers as a receiver in direct mode.
worker.on('life_trade_order_notify', (event) => {
  const { order } = event.content;
  console.log(`[worker] order ${event.action}: order_id=${order.order_id} pay_amount=${order.pay_amount} msg=${event.msgId}`);
});
worker.on('life_trade_certificate_notify.verify', (event) => {
  console.log(`[worker] certificate verified: ${event.content.certificate.certificate_id} msg=${event.msgId}`);
});
worker.onError((error, context) => {
  console.error(`[worker] ${error.code}${context.msgId ? ` msg=${context.msgId}` : ''}: ${error.message}`);
});

await worker.start();
console.log(`worker started (${queue.engine}, queue ${queue.name})`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await worker.close();
    await queue.close();
    process.exit(0);
  });
}
