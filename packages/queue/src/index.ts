/**
 * `@douyin-push/queue`: durable mode for Douyin pushes. The receiver verifies a push, stores it
 * on an engine you already run (BullMQ on Redis: `@douyin-push/queue/bullmq`; pg-boss on
 * PostgreSQL: `@douyin-push/queue/pg-boss`) and answers 200 only once it is stored; workers
 * run the handlers with retries over hours.
 *
 * @example
 * ```ts
 * import { createDouyinWebhooks } from '@douyin-push/core';
 * import { createDouyinWorker } from '@douyin-push/queue';
 * import { bullmqQueue } from '@douyin-push/queue/bullmq';
 *
 * const queue = bullmqQueue({ connection: { url: process.env.REDIS_URL! } });
 * const webhooks = createDouyinWebhooks({ clientSecret: process.env.DOUYIN_CLIENT_SECRET!, inbox: queue }); // receiver
 * const worker = createDouyinWorker({ queue });                                                             // worker
 * worker.on('life_trade_order_notify', (e) => orders.save(e.content.order));
 * await worker.start();
 * ```
 *
 * @packageDocumentation
 */
export { createDouyinWorker, type DouyinWorker, type DouyinWorkerOptions } from './worker.js';
export { DEFAULT_RETRIES, backoffDelay } from './retries.js';
export { jobIdFor } from './job-id.js';
export type {
  ConsumeOptions,
  DouyinQueue,
  JobProcessor,
  QueueConsumer,
  QueueJob,
  RetryPolicy,
  StoredJob,
  StoredJobState,
} from './types.js';
