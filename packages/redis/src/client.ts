import { configError } from '@douyin-push/core/adapter';

/**
 * The one thing the store needs from a Redis client: send a command, get its raw reply.
 * `fromIoredis()` and `fromNodeRedis()` build one from the client you already have; pass your
 * own to use any other client (it must reject when Redis answers with an error).
 *
 * @example
 * ```ts
 * const commander: RedisCommander = {
 *   kind: 'custom',
 *   send: (command, args) => myClient.raw([command, ...args]),
 * };
 * const dedupe = redisDedupe({ client: commander });
 * ```
 */
export interface RedisCommander {
  readonly kind: 'ioredis' | 'node-redis' | 'custom';
  /** Send one command (one round trip) and resolve with Redis's reply. */
  send(command: string, args: readonly string[]): Promise<unknown>;
}

/**
 * The part of an ioredis 5 client (`new Redis()`, also `Cluster`) the store uses. Typed
 * structurally so neither client library is needed at type level.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * const client: IoredisLike = new Redis(process.env.REDIS_URL!);
 * ```
 */
export interface IoredisLike {
  status: string;
  defineCommand: (...args: never[]) => unknown;
  call(command: string, args: string[]): Promise<unknown>;
}

/**
 * The part of a node-redis v4/v5 client (`createClient()` from `redis` or `@redis/client`) the
 * store uses.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * const client: NodeRedisLike = await createClient({ url: process.env.REDIS_URL }).connect();
 * ```
 */
export interface NodeRedisLike {
  readonly isOpen: boolean;
  sendCommand(args: string[]): Promise<unknown>;
}

/**
 * Any client `redisDedupe()` accepts: ioredis, node-redis (detected), or a {@link RedisCommander}.
 *
 * @example
 * ```ts
 * const client: RedisClientLike = new Redis(process.env.REDIS_URL!);
 * ```
 */
export type RedisClientLike = IoredisLike | NodeRedisLike | RedisCommander;

/**
 * Wrap an ioredis client (`Redis` or `Cluster`). The client stays yours: the store never
 * connects, closes or reconfigures it. Its `keyPrefix` option, if set, applies on top of ours.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * const dedupe = redisDedupe({ client: fromIoredis(new Redis(process.env.REDIS_URL!)) });
 * ```
 */
export function fromIoredis(client: IoredisLike): RedisCommander {
  if (typeof client?.call !== 'function') {
    throw configError('@douyin-push/redis: fromIoredis() needs an ioredis 5 client (it has no call())');
  }
  return { kind: 'ioredis', send: (command, args) => client.call(command, [...args]) };
}

/**
 * Wrap a node-redis v4/v5 client. Connect it yourself (`await client.connect()`); the store
 * never connects or closes it. Cluster clients (`createCluster`) are not supported.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * const dedupe = redisDedupe({ client: fromNodeRedis(client) });
 * ```
 */
export function fromNodeRedis(client: NodeRedisLike): RedisCommander {
  if (typeof client?.sendCommand !== 'function') {
    throw configError('@douyin-push/redis: fromNodeRedis() needs a node-redis v4+ client (it has no sendCommand())');
  }
  // sendCommand may throw synchronously (e.g. ClientClosedError): turn that into a rejection.
  return { kind: 'node-redis', send: async (command, args) => client.sendCommand([command, ...args]) };
}

/**
 * Detect which client was passed: ioredis has `defineCommand` and `status`, node-redis has
 * `sendCommand` and `isOpen`. ioredis also has a (different) `sendCommand`, so it is checked first.
 *
 * @example
 * ```ts
 * const commander = toCommander(new Redis()); // commander.kind === 'ioredis'
 * ```
 */
export function toCommander(client: RedisClientLike): RedisCommander {
  const c = client as unknown as Record<string, unknown> | null | undefined;
  if (c && typeof c === 'object' && typeof c.send === 'function' && typeof c.kind === 'string') {
    return client as RedisCommander;
  }
  if (c && typeof c.defineCommand === 'function' && 'status' in c) return fromIoredis(client as IoredisLike);
  if (c && typeof c.sendCommand === 'function' && 'isOpen' in c) return fromNodeRedis(client as NodeRedisLike);
  throw configError(
    '@douyin-push/redis: `client` must be an ioredis or node-redis (v4+) client; wrap others with fromIoredis()/fromNodeRedis() or pass a RedisCommander',
  );
}
