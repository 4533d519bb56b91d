// Opens the queue a child process (receiver, worker) was told to use, from its environment:
// ENGINE ('bullmq' | 'pg-boss'), REDIS_URL, PG_URL, PG_SCHEMA, QUEUE, LOCK_MS, EXPIRE_S.
import { bullmqQueue } from '@douyin-push/queue/bullmq';
import { pgBossQueue } from '@douyin-push/queue/pg-boss';

export function openQueue(env = process.env) {
  if (env.ENGINE === 'bullmq') {
    const { hostname, port } = new URL(env.REDIS_URL);
    return bullmqQueue({
      connection: { host: hostname, port: Number(port) },
      name: env.QUEUE,
      lockDurationMs: Number(env.LOCK_MS ?? 30_000),
    });
  }
  if (env.ENGINE === 'pg-boss') {
    return pgBossQueue({
      connectionString: env.PG_URL,
      name: env.QUEUE,
      expireInSeconds: Number(env.EXPIRE_S ?? 900),
      pollingIntervalMs: 100,
      bossOptions: {
        schema: env.PG_SCHEMA,
        max: 4,
        maintenanceIntervalSeconds: Number(env.MAINTENANCE_S ?? 120),
        supervise: env.SUPERVISE === '1',
        schedule: false,
        migrate: false,
      },
    });
  }
  throw new Error(`unknown ENGINE ${env.ENGINE}`);
}
