/**
 * `@douyin-push/redis`: a dedupe store shared by every instance of an app, so Douyin's
 * duplicate deliveries are handled exactly once whichever process or machine they land on.
 * Bring your own ioredis or node-redis (v4+) client.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { createDouyinWebhooks } from '@douyin-push/core';
 * import { redisDedupe } from '@douyin-push/redis';
 *
 * const webhooks = createDouyinWebhooks({
 *   clientSecret: process.env.DOUYIN_CLIENT_SECRET!,
 *   dedupe: redisDedupe({ client: new Redis(process.env.REDIS_URL!) }),
 * });
 * ```
 *
 * @packageDocumentation
 */
export { redisDedupe, type RedisDedupeOptions, type RedisDedupeStore, type ReportingStore, type UnavailablePolicy } from './redis-dedupe';
export {
  fromIoredis,
  fromNodeRedis,
  toCommander,
  type IoredisLike,
  type NodeRedisLike,
  type RedisClientLike,
  type RedisCommander,
} from './client';
export { redisSpiReplies, type RedisSpiRepliesOptions } from './spi-replies';
