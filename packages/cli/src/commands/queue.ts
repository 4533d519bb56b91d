import { integer, parse } from '../args.js';
import type { Command, CommandContext } from '../command.js';
import { CliUsageError, EXIT } from '../errors.js';

// The shape of `@douyin-push/queue`'s DouyinQueue this command uses. Written out here, not
// imported: the queue package and its engines are optional, loaded only when this runs.
interface StoredJob {
  jobId: string;
  state: string;
  attemptsMade: number;
  failedReason: string | undefined;
  createdAt: number;
  push: { id: string; name: string; action: string | undefined; msgId: string; body: string };
}
interface QueueLike {
  failed(options?: { limit?: number }): Promise<StoredJob[]>;
  inspect(id: string): Promise<StoredJob | undefined>;
  retry(id: string): Promise<boolean>;
  close(): Promise<void>;
}

// A variable specifier keeps the bundler from inlining the optional packages.
const load = (specifier: string): Promise<Record<string, (options: object) => QueueLike>> =>
  import(specifier).catch((error: unknown) => {
    throw new CliUsageError(
      'queue',
      `cannot load ${specifier} (install @douyin-push/queue and its engine, bullmq or pg-boss): ${error instanceof Error ? error.message : String(error)}`,
    );
  });

async function open(
  values: { engine?: string; redis?: string; database?: string; name?: string; schema?: string; prefix?: string },
  env: CommandContext['io']['env'],
): Promise<QueueLike> {
  const engine = values.engine ?? (values.database || env.DATABASE_URL ? 'pg-boss' : 'bullmq');
  if (engine === 'bullmq') {
    const url = new URL(values.redis ?? env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const { bullmqQueue } = await load('@douyin-push/queue/bullmq');
    const connection = {
      host: url.hostname,
      port: Number(url.port || 6379),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(url.pathname.length > 1 ? { db: Number(url.pathname.slice(1)) } : {}),
    };
    return bullmqQueue!({ connection, ...(values.name ? { name: values.name } : {}), ...(values.prefix ? { prefix: values.prefix } : {}) });
  }
  if (engine === 'pg-boss') {
    const connectionString = values.database ?? env.DATABASE_URL;
    if (!connectionString) throw new CliUsageError('queue', 'missing --database (or DATABASE_URL) for --engine pg-boss');
    const { pgBossQueue } = await load('@douyin-push/queue/pg-boss');
    return pgBossQueue!({
      connectionString,
      ...(values.name ? { name: values.name } : {}),
      // Look only: no maintenance, no cron, no schema changes from a CLI run.
      bossOptions: { ...(values.schema ? { schema: values.schema } : {}), supervise: false, schedule: false, migrate: false, max: 2 },
    });
  }
  throw new CliUsageError('queue', `--engine must be bullmq or pg-boss, got '${engine}'`);
}

function line(job: StoredJob, ctx: CommandContext): string {
  const c = ctx.out;
  const when = new Date(job.createdAt).toISOString();
  const event = job.push.action ? `${job.push.name}.${job.push.action}` : job.push.name;
  return `${c.bold(job.jobId)}  ${job.state === 'failed' ? c.red(job.state) : job.state}  ${event}  msg ${job.push.msgId}  ${when}  attempts ${job.attemptsMade}${job.failedReason ? `\n    ${c.dim(job.failedReason)}` : ''}`;
}

/**
 * `douyin-push queue`: list, inspect and replay the jobs of a durable inbox
 * (`@douyin-push/queue` on BullMQ or pg-boss), with the same engines the app uses.
 *
 * @example
 * ```sh
 * douyin-push queue failed --redis redis://127.0.0.1:6379
 * douyin-push queue inspect 5e0c… --json | jq -r .push.body
 * douyin-push queue retry 5e0c…
 * ```
 */
export const queueCommand: Command = {
  name: 'queue',
  summary: 'list, inspect and replay failed jobs of the durable inbox (BullMQ or pg-boss)',
  help: `Usage: douyin-push queue <failed|inspect|retry> [job-id...] [options]

  failed              list the jobs whose attempts ran out, newest first
  inspect <id>        show one job: state, attempts, last error and the raw body Douyin sent
  retry <id>...       run failed jobs again, with a fresh set of attempts

A job id is what 'failed' prints; the push id ('<client_key>:<msg_id>') works too.

Options:
  --engine E        bullmq or pg-boss (default: pg-boss when --database / DATABASE_URL is set)
  --redis URL       BullMQ's Redis (default REDIS_URL, else redis://127.0.0.1:6379)
  --database URL    pg-boss's PostgreSQL (default DATABASE_URL)
  --name N          the queue name the app uses (default douyin-push)
  --schema S        pg-boss schema (default pgboss)
  --prefix P        BullMQ key prefix (default bull)
  --limit N         'failed': how many to list (default 50)
  --json            print JSON (one object, or an array for 'failed')
  -h, --help        show this help

Exit status: 0 done, 1 a job was not found / not failed, 2 usage error.

Example:
  douyin-push queue failed --engine pg-boss --database postgres://127.0.0.1/app`,
  async run(argv, ctx) {
    const { values, positionals } = parse('queue', argv, {
      engine: { type: 'string' },
      redis: { type: 'string' },
      database: { type: 'string' },
      name: { type: 'string' },
      schema: { type: 'string' },
      prefix: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
    });
    const [action, ...ids] = positionals;
    if (action !== 'failed' && action !== 'inspect' && action !== 'retry') {
      throw new CliUsageError(
        'queue',
        action === undefined ? 'missing the action: failed, inspect or retry' : `unknown action '${action}': failed, inspect or retry`,
      );
    }
    if (action === 'failed' && ids.length > 0) throw new CliUsageError('queue', `'failed' takes no job id, got: ${ids.join(' ')}`);
    if (action !== 'failed' && ids.length === 0) throw new CliUsageError('queue', `'${action}' needs a job id`);
    if (action === 'inspect' && ids.length > 1) throw new CliUsageError('queue', `'inspect' takes one job id, got ${ids.length}`);
    const limit = integer('queue', '--limit', values.limit, { min: 1, max: 10_000 }) ?? 50;
    const queue = await open(values, ctx.io.env);
    const out = (text: string) => ctx.io.stdout.write(`${text}\n`);
    try {
      if (action === 'failed') {
        const jobs = await queue.failed({ limit });
        if (values.json) out(JSON.stringify(jobs));
        else if (jobs.length === 0) out('no failed jobs');
        else for (const job of jobs) out(line(job, ctx));
        return EXIT.ok;
      }
      if (action === 'inspect') {
        const job = await queue.inspect(ids[0]!);
        if (!job) {
          ctx.io.stderr.write(`no job ${ids[0]} (unknown, or removed after its keep window)\n`);
          return EXIT.failed;
        }
        if (values.json) out(JSON.stringify(job));
        else out(`${line(job, ctx)}\n    push id ${job.push.id}\n    body ${job.push.body}`);
        return EXIT.ok;
      }
      let missed = 0;
      const results: { jobId: string; retried: boolean }[] = [];
      for (const id of ids) {
        const retried = await queue.retry(id);
        results.push({ jobId: id, retried });
        if (!retried) missed++;
        if (!values.json)
          out(retried ? `${ctx.out.green('✔ retried')} ${id}` : `${ctx.out.red('✖ not retried')} ${id}: no failed job with that id`);
      }
      if (values.json) out(JSON.stringify(results));
      return missed === 0 ? EXIT.ok : EXIT.failed;
    } finally {
      await queue.close();
    }
  },
};
