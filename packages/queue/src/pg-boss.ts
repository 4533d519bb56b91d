import type { InboxPush } from '@douyin-push/core/adapter';
import { configError } from '@douyin-push/core/adapter';
import PgBoss from 'pg-boss';
import { setTimeout as sleep } from 'node:timers/promises';
import { asUuid, jobIdFor, normaliseJobId } from './job-id.js';
import { describe, pgBossSql } from './pg-boss-sql.js';
import { backoffDelay, checkRetries, DEFAULT_RETRIES } from './retries.js';
import type { DouyinQueue, RetryPolicy, StoredJob } from './types.js';

/**
 * Options of {@link pgBossQueue}: a started `boss` you own, or a `connectionString` (the queue
 * then starts and stops its own pg-boss, with `bossOptions`).
 *
 * @example
 * ```ts
 * const options: PgBossQueueOptions = { connectionString: 'postgres://127.0.0.1/app', name: 'douyin' };
 * ```
 */
export interface PgBossQueueOptions {
  boss?: PgBoss;
  connectionString?: string;
  /** More pg-boss constructor options when the queue creates it (schema, pool size, intervals). */
  bossOptions?: Omit<PgBoss.ConstructorOptions, 'connectionString'>;
  /** Queue name. Default `douyin-push`. */
  name?: string;
  /**
   * The retry limit stored with the queue (pg-boss copies it onto each job when stored; it
   * counts when a job expires). `createDouyinWorker({ retries })` updates it; default {@link DEFAULT_RETRIES}.
   */
  retries?: RetryPolicy;
  /** A job active longer than this (its worker crashed) is failed and tried again. Default 15 min. */
  expireInSeconds?: number;
  /** How often an idle worker looks for jobs. Default 0.5 s. */
  pollingIntervalMs?: number;
}

/**
 * pg-boss's own retry settings for a policy. They apply where pg-boss retries by itself (a job
 * whose worker died expires after `expireInSeconds`); handler failures use the policy exactly.
 */
function queueSettings(retries: RetryPolicy, expireInSeconds: number | undefined) {
  return {
    retryLimit: retries.attempts - 1,
    retryDelay: Math.max(1, Math.round(retries.backoff.delayMs / 1000)),
    retryBackoff: true,
    ...(expireInSeconds ? { expireInSeconds } : {}),
  };
}

/**
 * A durable inbox on pg-boss (PostgreSQL). The job id is a UUID derived from the push's dedupe
 * identity and pg-boss inserts with `ON CONFLICT DO NOTHING`, so a push is stored once while
 * its job is in pg-boss's job table (until archived: `archiveCompletedAfterSeconds`, 12 h by
 * default). Needs `pg-boss` 10 (a peer dependency).
 *
 * @example
 * ```ts
 * import { pgBossQueue } from '@douyin-push/queue/pg-boss';
 *
 * const queue = pgBossQueue({ connectionString: process.env.DATABASE_URL! });
 * const webhooks = createDouyinWebhooks({ clientSecret: process.env.DOUYIN_CLIENT_SECRET!, inbox: queue });
 * ```
 */
export function pgBossQueue(options: PgBossQueueOptions): DouyinQueue {
  const name = options.name ?? 'douyin-push';
  if (!options.boss && !options.connectionString)
    throw configError('@douyin-push/queue: pgBossQueue needs { boss } or { connectionString }');
  const owned = options.boss === undefined;
  const boss = options.boss ?? new PgBoss({ connectionString: options.connectionString!, ...options.bossOptions });
  if (owned) boss.on('error', () => undefined); // surfaced by the rejected enqueue / fetch instead
  const schema = (options.bossOptions?.schema ?? (boss as unknown as { config?: { schema?: string } }).config?.schema ?? 'pgboss').replace(
    /"/g,
    '',
  );
  const pollMs = options.pollingIntervalMs ?? 500;
  const db = () => boss.getDb();
  const sql = pgBossSql(schema);
  let started: Promise<unknown> | undefined;
  let ready: Promise<void> | undefined;
  // pg-boss started when ours (reads need no more: the CLI never creates a queue by looking).
  const boot = () =>
    (started ??= (owned ? boss.start() : Promise.resolve()).catch((error: unknown) => {
      started = undefined;
      throw error;
    }));
  // Writes also need the queue; created once, and a failure is retried by the next call.
  const start = () =>
    (ready ??= (async () => {
      await boot();
      const settings = { name, ...queueSettings(checkRetries(options.retries ?? DEFAULT_RETRIES), options.expireInSeconds) };
      // pg-boss creates a table partition per queue; processes starting together can deadlock
      // on it (PostgreSQL aborts one of them): look first, and try again after a short pause.
      for (let attempt = 1; ; attempt++) {
        try {
          if (!(await boss.getQueue(name))) await boss.createQueue(name, settings);
          return;
        } catch (error) {
          if (attempt >= 5) throw error;
          await sleep(50 + Math.random() * 200 * attempt);
        }
      }
    })().catch((error) => {
      ready = undefined;
      throw error;
    }));

  const find = async (id: string): Promise<StoredJob | undefined> => {
    await boot();
    const job = await boss.getJobById<InboxPush>(name, asUuid(normaliseJobId(id)), { includeArchive: true });
    return job ? describe(job) : undefined;
  };

  return {
    engine: 'pg-boss',
    name,
    async enqueue(push) {
      await start();
      // The INSERT committed (autocommit) before send resolves; null = the id was there already.
      const id = await boss.send(name, push as unknown as object, { id: asUuid(jobIdFor(push.id)) });
      return { duplicate: id === null };
    },
    async consume(processor, { concurrency, retries }) {
      await start();
      await boss.updateQueue(name, { name, policy: 'standard', ...queueSettings(checkRetries(retries), options.expireInSeconds) });
      let stopping = false;
      let wake: (() => void) | undefined;
      // Our own fetch loop, not boss.work: work() waits a polling interval after every job,
      // which caps a worker at a few jobs a second; this one only sleeps when the queue is empty.
      const lane = async () => {
        while (!stopping) {
          const [job] = await boss.fetch<InboxPush>(name, { batchSize: 1, includeMetadata: true }).catch(() => []);
          if (!job) {
            await Promise.race([sleep(pollMs), new Promise<void>((resolve) => (wake = resolve))]);
            continue;
          }
          try {
            await processor({ jobId: job.id.replace(/-/g, ''), push: job.data, attempt: job.retryCount + 1 });
            await boss.complete(name, job.id).catch(() => undefined); // not recorded: expires, runs again, dedupe skips it
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            const attempt = job.retryCount + 1;
            await db()
              .executeSql(sql.fail, [name, job.id, attempt < retries.attempts, backoffDelay(retries, attempt), JSON.stringify({ message })])
              .catch(() => undefined); // not recorded: the job expires and pg-boss retries it
          }
        }
      };
      const lanes = Array.from({ length: concurrency }, lane);
      return {
        async close() {
          stopping = true;
          wake?.();
          await Promise.all(lanes);
        },
      };
    },
    async warnings() {
      return [];
    },
    async failed({ limit = 50 } = {}) {
      await boot();
      const { rows } = (await db().executeSql(sql.failed, [name, limit])) as { rows: { id: string }[] };
      const jobs = await Promise.all(rows.map((row) => find(row.id)));
      return jobs.filter((job): job is StoredJob => job !== undefined);
    },
    inspect: find,
    async retry(id) {
      await boot();
      const { rows } = await db().executeSql(sql.retry, [name, asUuid(normaliseJobId(id))]);
      return rows.length > 0;
    },
    async close() {
      if (owned && started) await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    },
  };
}
