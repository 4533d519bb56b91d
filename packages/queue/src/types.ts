import type { DouyinInbox, InboxPush } from '@douyin-push/core/adapter';

/**
 * How often and how far apart a failing push is tried again: attempt n (n ≥ 2) waits
 * `min(maxDelayMs, delayMs × 2^(n-2))` after attempt n-1 failed.
 *
 * @example
 * ```ts
 * // 12 attempts over about 3.4 hours: 10 s, 20 s, 40 s … then hourly.
 * const retries: RetryPolicy = { attempts: 12, backoff: { delayMs: 10_000, maxDelayMs: 3_600_000 } };
 * ```
 */
export interface RetryPolicy {
  /** Tries in all, the first included; when the last fails the job stays in the failed state. */
  attempts: number;
  backoff: {
    /** Wait before the second attempt. */
    delayMs: number;
    /** Longest wait between two attempts. */
    maxDelayMs: number;
  };
}

/**
 * A stored push as a worker gets it: the engine's job id, the push, and which attempt this is.
 *
 * @example
 * ```ts
 * const job: QueueJob = { jobId: 'a3f…', push, attempt: 1 };
 * ```
 */
export interface QueueJob {
  readonly jobId: string;
  readonly push: InboxPush;
  /** 1 for the first run. */
  readonly attempt: number;
}

/**
 * What the engine runs for each job. Resolve: done. Throw: try again per the retry policy.
 * Throw a {@link FinalFailure}: no more attempts, the job goes to the failed state.
 *
 * @example
 * ```ts
 * const processor: JobProcessor = async (job) => handlers.run(job.push);
 * ```
 */
export type JobProcessor = (job: QueueJob) => Promise<void>;

/**
 * Options of {@link DouyinQueue.consume}.
 *
 * @example
 * ```ts
 * const options: ConsumeOptions = { concurrency: 10, retries: DEFAULT_RETRIES };
 * ```
 */
export interface ConsumeOptions {
  /** Jobs run at the same time in this process. */
  concurrency: number;
  retries: RetryPolicy;
}

/**
 * A running consumer; `close` waits for the jobs it runs to settle.
 *
 * @example
 * ```ts
 * const consumer = await queue.consume(processor, options);
 * process.on('SIGTERM', () => consumer.close());
 * ```
 */
export interface QueueConsumer {
  close(): Promise<void>;
}

/** The state of a stored job, in words both engines share. */
export type StoredJobState = 'waiting' | 'active' | 'delayed' | 'completed' | 'failed' | 'unknown';

/**
 * One stored job as `failed`/`inspect` show it: the push (raw body included) and its history.
 *
 * @example
 * ```ts
 * const job: StoredJob | undefined = await queue.inspect(jobId);
 * if (job?.state === 'failed') console.log(job.failedReason, job.push.body);
 * ```
 */
export interface StoredJob {
  jobId: string;
  state: StoredJobState;
  /** Attempts that ended (failed or succeeded) so far. */
  attemptsMade: number;
  failedReason: string | undefined;
  /** When the engine stored it (ms since the epoch). */
  createdAt: number;
  push: InboxPush;
}

/**
 * A durable inbox on an existing engine: the receiver's `inbox` (`enqueue`), the workers'
 * `consume`, and what the CLI needs to list, inspect and replay failed jobs.
 *
 * @example
 * ```ts
 * const queue: DouyinQueue = bullmqQueue({ connection: { url: process.env.REDIS_URL! } });
 * const webhooks = createDouyinWebhooks({ clientSecret, inbox: queue }); // receiver process
 * const worker = createDouyinWorker({ queue });                          // worker process
 * ```
 */
export interface DouyinQueue extends DouyinInbox {
  readonly engine: 'bullmq' | 'pg-boss';
  readonly name: string;
  /** Stores the push under a job id derived from `push.id`; resolves once the engine confirmed it. */
  enqueue(push: InboxPush): Promise<{ duplicate: boolean }>;
  /** Starts running stored jobs in this process. */
  consume(processor: JobProcessor, options: ConsumeOptions): Promise<QueueConsumer>;
  /** Configuration problems that can lose jobs (e.g. Redis evicting keys); empty when fine. */
  warnings(): Promise<string[]>;
  /** Jobs whose attempts are used up, newest first. */
  failed(options?: { limit?: number }): Promise<StoredJob[]>;
  /** One job by its job id (or by the push id it was stored under). */
  inspect(id: string): Promise<StoredJob | undefined>;
  /** Puts a failed job back to run again with a fresh set of attempts; false when not failed. */
  retry(id: string): Promise<boolean>;
  /** Closes what this queue opened (a client or pg-boss instance it was given stays open). */
  close(): Promise<void>;
}
