import type { DouyinErrorHandler } from '@douyin-push/core';
import { configError } from '@douyin-push/core/adapter';
import type { SpiReplyStore } from '@douyin-push/core/spi';
import { toCommander, type RedisClientLike } from './client';
import type { ReportingStore } from './redis-dedupe';
import { createStoreReporter } from './reporter';
import { withTimeout } from './unavailable';
import { watchRedis } from './watch';

/**
 * Options of {@link redisSpiReplies}.
 *
 * @example
 * ```ts
 * const options: RedisSpiRepliesOptions = { client: redis, prefix: 'myapp:spi:' };
 * ```
 */
export interface RedisSpiRepliesOptions {
  /** An ioredis or node-redis (v4+) client you created; it is never connected or closed here. */
  client: RedisClientLike;
  /** Key prefix. Default `douyin-push:spi-reply:`. */
  prefix?: string;
  /** Longest wait for Redis per call. Default 1000 ms; a timeout is a 503-style failure, never a guess. */
  timeoutMs?: number;
  /** Marker key for the lost-data check (see `redisDedupe`'s `epochKey`). Default `'douyin-push:epoch'`. */
  epochKey?: string | false;
}

/**
 * Where an idempotent SPI (发券, 退款申请) keeps its first reply, shared by every instance, so a
 * retry that lands on another process is answered with the same reply instead of running the
 * handler again. Pair it with `redisDedupe()` for the claim.
 *
 * @example
 * ```ts
 * import { createDouyinSpi } from '@douyin-push/core/spi';
 * import { redisDedupe, redisSpiReplies } from '@douyin-push/redis';
 *
 * const issue = createDouyinSpi({
 *   scenario: 'fulfilment.order.tripartite_code',
 *   clientSecret: process.env.DOUYIN_CLIENT_SECRET!,
 *   idempotency: { dedupe: redisDedupe({ client: redis }), replies: redisSpiReplies({ client: redis }) },
 *   handler: async (request) => ({ result: 'issued', certificates: await issueCodes(request) }),
 * });
 * ```
 */
export function redisSpiReplies(options: RedisSpiRepliesOptions): SpiReplyStore & ReportingStore {
  if (!options || !options.client) throw configError('@douyin-push/redis: redisSpiReplies() needs `client`.');
  const redis = toCommander(options.client);
  const prefix = options.prefix ?? 'douyin-push:spi-reply:';
  const timeoutMs = options.timeoutMs ?? 1000;
  // Reports (eviction policy, lost data, client errors) wait for a receiver's reporter.
  const reporter = createStoreReporter(undefined);
  watchRedis(options.client, redis, reporter, { epochKey: options.epochKey ?? 'douyin-push:epoch', timeoutMs });
  return {
    bindReporter(handler: DouyinErrorHandler): void {
      reporter.bind(handler);
    },
    async get(key) {
      const value = await withTimeout(redis.send('GET', [prefix + key]), timeoutMs, `GET of ${key}`);
      if (value === null || value === undefined) return undefined;
      return typeof value === 'string' ? value : Buffer.from(value as Uint8Array).toString('utf8');
    },
    async set(key, body, ttlMs) {
      await withTimeout(redis.send('SET', [prefix + key, body, 'PX', String(Math.max(1, Math.round(ttlMs)))]), timeoutMs, `SET of ${key}`);
    },
  };
}
