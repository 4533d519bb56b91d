import { DouyinPushError, type DedupeStore, type DouyinErrorContext } from '@douyin-push/core';
import { createDouyinHandlers, type DouyinHandlers, type DouyinHandlersOptions, type InboxPush } from '@douyin-push/core/adapter';
import { checkRetries, DEFAULT_RETRIES } from './retries.js';
import type { DouyinQueue, QueueConsumer, RetryPolicy } from './types.js';

/**
 * Options of {@link createDouyinWorker}.
 *
 * @example
 * ```ts
 * const options: DouyinWorkerOptions = { queue, concurrency: 20, dedupe: redisDedupe({ client }) };
 * ```
 */
export interface DouyinWorkerOptions extends DouyinHandlersOptions {
  queue: DouyinQueue;
  /** Jobs run at the same time in this process. Default 10. */
  concurrency?: number;
  /** Default {@link DEFAULT_RETRIES}: 12 attempts over about 3.4 hours. */
  retries?: RetryPolicy;
  /**
   * Remembers completed push ids across processes (`redisDedupe`), so a push whose job the
   * engine ran twice (a worker that lost its lock, a redelivery after the engine forgot the id)
   * reaches the handlers once. Without it, handlers run at least once.
   */
  dedupe?: DedupeStore;
}

/**
 * A worker process: the receiver's typed `on`/`onAny`/`onError`/`off`, then `start()`.
 *
 * @example
 * ```ts
 * const worker = createDouyinWorker({ queue });
 * worker.on('life_trade_order_notify', (e) => orders.save(e.content.order));
 * await worker.start();
 * ```
 */
export interface DouyinWorker extends Omit<DouyinHandlers, 'run' | 'report'> {
  /** Starts taking jobs; reports configuration warnings (Redis eviction policy) through `onError` first. */
  start(): Promise<void>;
  /** Stops taking jobs and waits for the running ones. */
  close(): Promise<void>;
}

const HELD = 'held by another attempt (a crashed worker or a lost lock); tried again later';

/**
 * Creates a worker that runs the handlers of pushes a durable-mode receiver stored. Start as
 * many worker processes as you like, on any machine that reaches the engine.
 *
 * @example
 * ```ts
 * import { createDouyinWorker } from '@douyin-push/queue';
 * import { bullmqQueue } from '@douyin-push/queue/bullmq';
 *
 * const worker = createDouyinWorker({ queue: bullmqQueue({ connection: { url: process.env.REDIS_URL! } }) });
 * worker.on('life_trade_certificate_notify.verify', async ({ content }) => redeem(content.certificate.certificate_id));
 * worker.onError((error, context) => log.error({ code: error.code, ...context }, error.message));
 * await worker.start();
 * ```
 */
export function createDouyinWorker(options: DouyinWorkerOptions): DouyinWorker {
  const { queue, dedupe } = options;
  const retries = checkRetries(options.retries ?? DEFAULT_RETRIES);
  const concurrency = options.concurrency ?? 10;
  const handlers = createDouyinHandlers({ schemas: options.schemas });
  let consumer: QueueConsumer | undefined;

  // A stored push was verified by the receiver before it was queued.
  const context = (push: InboxPush): DouyinErrorContext => ({
    source: 'worker',
    verified: true,
    event: push.name,
    msgId: push.msgId,
    clientKey: push.clientKey,
    logId: push.logId,
  });

  async function runOnce(push: InboxPush, attempt: number): Promise<void> {
    try {
      if (!dedupe) {
        await handlers.run(push);
        return;
      }
      const claim = await dedupe.claim(push.id);
      if (claim.status === 'completed') return;
      if (claim.status === 'processing')
        throw new DouyinPushError('DUPLICATE_IN_FLIGHT', 409, `@douyin-push/queue: push ${push.msgId} is ${HELD}`);
      try {
        await handlers.run(push);
      } catch (error) {
        await Promise.resolve()
          .then(() => dedupe.release(push.id, claim.token))
          .catch(() => undefined);
        throw error;
      }
      await dedupe.complete(push.id, claim.token);
    } catch (error) {
      const reported =
        error instanceof DouyinPushError
          ? error
          : new DouyinPushError('HANDLER_FAILED', 500, `@douyin-push/queue: ${error instanceof Error ? error.message : String(error)}`, {
              cause: error,
            });
      const final = attempt >= retries.attempts;
      Object.assign(reported, { attempt, final });
      handlers.report(reported, context(push));
      throw error;
    }
  }

  return {
    on: handlers.on,
    off: handlers.off,
    onAny: handlers.onAny,
    onError: handlers.onError,
    async start() {
      if (consumer) return;
      for (const warning of await queue.warnings()) {
        handlers.report(new DouyinPushError('CONFIG_INVALID', 500, `@douyin-push/queue: ${warning}`), {});
      }
      consumer = await queue.consume((job) => runOnce(job.push, job.attempt), { concurrency, retries });
    },
    async close() {
      await consumer?.close();
      consumer = undefined;
    },
  };
}
