import { configError } from '@douyin-push/core/adapter';
import type { InboxPush } from '@douyin-push/core/adapter';
import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { jobIdFor, normaliseJobId } from './job-id.js';
import { backoffDelay, checkRetries } from './retries.js';
import type { DouyinQueue, StoredJob, StoredJobState } from './types.js';

/**
 * Options of {@link bullmqQueue}. Give `connection` (the queue opens its own connections) or a
 * `queue` you built (then `connection` defaults to its own, for the workers).
 *
 * @example
 * ```ts
 * const options: BullmqQueueOptions = { connection: { host: '127.0.0.1', port: 6379 }, name: 'douyin' };
 * ```
 */
export interface BullmqQueueOptions {
  connection?: ConnectionOptions;
  queue?: Queue;
  /** Queue name. Default `douyin-push`. */
  name?: string;
  /** BullMQ key prefix. Default BullMQ's (`bull`). */
  prefix?: string;
  /**
   * How long a completed job (and so its id) is kept: a redelivery of the same push within this
   * window is answered 200 duplicate without a second job. Default 7 days.
   */
  keepCompletedSeconds?: number;
  /** How long a failed job (raw body included) is kept for `douyin-push queue retry`. Default 30 days. */
  keepFailedSeconds?: number;
  /**
   * A job whose worker stopped renewing its lock (crashed, SIGKILL) runs again after about
   * this long. Default 30 s (BullMQ's).
   */
  lockDurationMs?: number;
  /** How often workers look for such crashed jobs. Default `lockDurationMs`. */
  stalledIntervalMs?: number;
  /** Crashes a job may cause before it is failed instead of run again. Default 3. */
  maxStalledCount?: number;
}

// BullMQ counts attempts per job; the worker's policy decides when to stop (UnrecoverableError),
// so the number stored with the job only has to be larger than any policy.
const ENGINE_ATTEMPTS = 1_000_000;
const BACKOFF_TYPE = 'douyin-push';

/**
 * A durable inbox on BullMQ (Redis). The job id is a hash of the push's dedupe identity, so
 * every receiver process stores a push once; completed ids are kept `keepCompletedSeconds`.
 * Needs `bullmq` (a peer dependency). Redis must run with `maxmemory-policy noeviction`.
 *
 * @example
 * ```ts
 * import { bullmqQueue } from '@douyin-push/queue/bullmq';
 *
 * const queue = bullmqQueue({ connection: { url: process.env.REDIS_URL! } });
 * const webhooks = createDouyinWebhooks({ clientSecret: process.env.DOUYIN_CLIENT_SECRET!, inbox: queue });
 * ```
 */
export function bullmqQueue(options: BullmqQueueOptions): DouyinQueue {
  const name = options.queue?.name ?? options.name ?? 'douyin-push';
  const connection = options.connection ?? options.queue?.opts.connection;
  if (!connection) throw configError('@douyin-push/queue: bullmqQueue needs { connection } or { queue }');
  const prefix = options.prefix ?? options.queue?.opts.prefix;
  const owned = options.queue === undefined;
  // A failed enqueue must fail fast (503, Douyin retries), not wait for a reconnect forever.
  const queue = options.queue ?? new Queue(name, { connection: withFastFail(connection), ...(prefix ? { prefix } : {}) });
  queue.on('error', () => undefined); // surfaced by the rejected enqueue instead
  const keepSeconds = options.keepCompletedSeconds ?? 7 * 86_400;
  const jobOptions = {
    attempts: ENGINE_ATTEMPTS,
    backoff: { type: BACKOFF_TYPE },
    removeOnComplete: { age: keepSeconds },
    removeOnFail: { age: options.keepFailedSeconds ?? 30 * 86_400 },
  };

  const find = async (id: string) => (await queue.getJob(normaliseJobId(id))) as Job<InboxPush> | undefined;

  return {
    engine: 'bullmq',
    name,
    async enqueue(push) {
      const jobId = jobIdFor(push.id);
      // `add` with a known jobId returns the stored job and adds nothing, but does not say so.
      // The marker, set only after the job is stored, tells the first copy from the others
      // exactly, even when copies reach several receivers at once.
      await queue.add(push.name, push, { ...jobOptions, jobId });
      const client = await queue.getBackend().client;
      const first = await client.runCommand('set', [queue.toKey(`douyin-seen:${jobId}`), '1', 'EX', String(keepSeconds), 'NX']);
      return { duplicate: first === null };
    },
    async consume(processor, { concurrency, retries }) {
      checkRetries(retries);
      const worker = new Worker<InboxPush>(
        name,
        async (job) => {
          const attempt = job.attemptsMade + 1;
          try {
            await processor({ jobId: job.id!, push: job.data, attempt });
          } catch (error) {
            if (attempt < retries.attempts) throw error;
            // Out of attempts: to the failed set, kept with its raw body for `queue retry`.
            throw Object.assign(new UnrecoverableError(error instanceof Error ? error.message : String(error)), { cause: error });
          }
        },
        {
          connection,
          ...(prefix ? { prefix } : {}),
          concurrency,
          lockDuration: options.lockDurationMs ?? 30_000,
          stalledInterval: options.stalledIntervalMs ?? options.lockDurationMs ?? 30_000,
          maxStalledCount: options.maxStalledCount ?? 3,
          settings: { backoffStrategy: (attemptsMade: number) => backoffDelay(retries, attemptsMade) },
        },
      );
      worker.on('error', () => undefined); // connection trouble: BullMQ reconnects on its own
      await worker.waitUntilReady();
      return { close: () => worker.close() };
    },
    async warnings() {
      const client = await queue.getBackend().client;
      const info = await client.info();
      const policy = /maxmemory_policy:(\S+)/.exec(info)?.[1];
      return policy && policy !== 'noeviction'
        ? [
            `Redis maxmemory-policy is ${policy}: Redis may evict stored pushes under memory pressure. Set it to noeviction (BullMQ warns the same).`,
          ]
        : [];
    },
    async failed({ limit = 50 } = {}) {
      const jobs = (await queue.getFailed(0, limit - 1)) as Job<InboxPush>[];
      return Promise.all(jobs.map((job) => describe(job, 'failed')));
    },
    async inspect(id) {
      const job = await find(id);
      return job ? describe(job) : undefined;
    },
    async retry(id) {
      const job = await find(id);
      if (!job || !(await job.isFailed())) return false;
      // A fresh set of attempts: the worker's policy counts from attemptsMade.
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      return true;
    },
    async close() {
      if (owned) await queue.close();
    },
  };
}

function withFastFail(connection: ConnectionOptions): ConnectionOptions {
  if (typeof (connection as { status?: unknown }).status === 'string') return connection; // a client: its options are the caller's
  return { maxRetriesPerRequest: 1, enableOfflineQueue: false, ...(connection as object) } as ConnectionOptions;
}

async function describe(job: Job<InboxPush>, known?: StoredJobState): Promise<StoredJob> {
  const state = known ?? (await job.getState());
  const shared: StoredJobState[] = ['waiting', 'active', 'delayed', 'completed', 'failed'];
  return {
    jobId: job.id!,
    state: shared.includes(state as StoredJobState)
      ? (state as StoredJobState)
      : state === 'prioritized' || state === 'waiting-children'
        ? 'waiting'
        : 'unknown',
    attemptsMade: job.attemptsMade,
    failedReason: job.failedReason || undefined,
    createdAt: job.timestamp,
    push: job.data,
  };
}
