// The one queue both processes open: BullMQ on REDIS_URL (default), or pg-boss on DATABASE_URL
// when that is set. Receiver and worker must agree on the engine and the queue name.
import type { DouyinQueue } from '@douyin-push/queue';

export async function openQueue(): Promise<DouyinQueue> {
  if (process.env.DATABASE_URL) {
    const { pgBossQueue } = await import('@douyin-push/queue/pg-boss');
    return pgBossQueue({ connectionString: process.env.DATABASE_URL, name: 'douyin-push' });
  }
  const { bullmqQueue } = await import('@douyin-push/queue/bullmq');
  const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  return bullmqQueue({ connection: { host: url.hostname, port: Number(url.port || 6379) }, name: 'douyin-push' });
}
