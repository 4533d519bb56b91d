import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { TestProject } from 'vitest/node';
import { startRedisServer } from '../../packages/redis/test/support/redis-server';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    pgUrl: string;
    pgSchema: string;
  }
}

const built = [
  'core/dist/index.js',
  'core/dist/node.js',
  'redis/dist/index.js',
  'queue/dist/index.js',
  'queue/dist/bullmq.js',
  'queue/dist/pg-boss.js',
  'cli/dist/index.js',
];
export const PG_SCHEMA = 'douyin_push_queue_test';

/**
 * Child processes run the built packages. Redis: a redis-server of our own (so tests may stop
 * it); PostgreSQL: PG_URL or the local server, with a fresh pg-boss schema for this run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const missing = built.filter((file) => !existsSync(fileURLToPath(new URL(`../../packages/${file}`, import.meta.url))));
  if (missing.length > 0) throw new Error(`test/queue needs the built packages (missing ${missing.join(', ')}): run \`pnpm build\` first`);
  const pgUrl = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${PG_SCHEMA} CASCADE`);
  await client.end();
  // Install pg-boss's tables once, here: the test processes start with migrate: false.
  const boss = new PgBoss({ connectionString: pgUrl, schema: PG_SCHEMA, supervise: false, schedule: false });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.stop({ graceful: false, wait: true });
  const redis = await startRedisServer();
  project.provide('redisUrl', redis.url);
  project.provide('pgUrl', pgUrl);
  project.provide('pgSchema', PG_SCHEMA);
  return async () => {
    await redis.stop('SIGTERM');
    const done = new pg.Client({ connectionString: pgUrl });
    await done.connect();
    await done.query(`DROP SCHEMA IF EXISTS ${PG_SCHEMA} CASCADE`);
    await done.end();
  };
}
