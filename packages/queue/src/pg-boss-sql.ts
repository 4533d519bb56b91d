import type { InboxPush } from '@douyin-push/core/adapter';
import type PgBoss from 'pg-boss';
import type { StoredJob, StoredJobState } from './types.js';

/**
 * The few statements pgBossQueue runs on pg-boss 10's job table itself, where pg-boss has no
 * call for it. Each touches only the rows of our queue, in states pg-boss's own calls use.
 *
 * @example
 * ```ts
 * const sql = pgBossSql('pgboss');
 * await boss.getDb().executeSql(sql.retry, [queueName, jobUuid]);
 * ```
 */
export function pgBossSql(schema: string) {
  const job = `"${schema}".job`;
  return {
    // pg-boss's fail() doubles a delay in whole seconds with no cap; the worker's policy (capped
    // at maxDelayMs) is applied instead. $3: try again? $4: delay ms. $5: output.
    fail: `UPDATE ${job} SET
        state = CASE WHEN $3::bool THEN 'retry' ELSE 'failed' END::"${schema}".job_state,
        start_after = CASE WHEN $3::bool THEN now() + $4::int * interval '1 millisecond' ELSE start_after END,
        completed_on = CASE WHEN $3::bool THEN NULL ELSE now() END,
        output = $5::jsonb
      WHERE name = $1 AND id = $2::uuid AND state = 'active'`,
    // A replay gets a fresh set of attempts, as on BullMQ (started_on NULL: the next fetch does
    // not count it as a retry).
    retry: `UPDATE ${job} SET state = 'retry', retry_count = 0, started_on = NULL, start_after = now(), completed_on = NULL
      WHERE name = $1 AND id = $2::uuid AND state = 'failed' RETURNING id`,
    failed: `SELECT id FROM ${job} WHERE name = $1 AND state = 'failed' ORDER BY completed_on DESC LIMIT $2`,
  };
}

const STATES: Record<string, StoredJobState> = {
  created: 'waiting',
  retry: 'delayed',
  active: 'active',
  completed: 'completed',
  failed: 'failed',
};

/**
 * A pg-boss job as `failed` / `inspect` show it (ids without dashes, like BullMQ's).
 *
 * @example
 * ```ts
 * const job = await boss.getJobById(name, id, { includeArchive: true });
 * if (job) console.log(describe(job).state);
 * ```
 */
export function describe(job: PgBoss.JobWithMetadata<InboxPush>): StoredJob {
  const output = job.output as { message?: string; value?: { message?: string } } | null;
  return {
    jobId: job.id.replace(/-/g, ''),
    state: STATES[job.state] ?? 'unknown',
    attemptsMade: job.retryCount + (job.state === 'failed' || job.state === 'completed' ? 1 : 0),
    failedReason: job.state === 'failed' || job.state === 'retry' ? (output?.message ?? output?.value?.message) : undefined,
    createdAt: new Date(job.createdOn).getTime(),
    push: job.data,
  };
}
