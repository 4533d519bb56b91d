import { randomUUID } from 'node:crypto';
import type { DedupeClaim, DedupeStore, DouyinErrorHandler, DouyinPushError } from '@douyin-push/core';
import { configError } from '@douyin-push/core/adapter';
import { toCommander, type RedisClientLike } from './client';
import { createStoreReporter } from './reporter';
import { CLAIM, COMPLETE, COMPLETED, RELEASE, processingValue, runScript } from './scripts';
import { watchRedis } from './watch';
import { unavailable, withTimeout } from './unavailable';

/**
 * What to do when Redis is down or slower than `timeoutMs`.
 * - `'fail-closed'` (default): the store throws `DEDUPE_UNAVAILABLE`, core answers 503 and
 *   Douyin delivers the push again later. No push is ever answered 200 without being handled;
 *   pushes wait for Redis (Douyin retries only a few times, so a long outage can lose pushes).
 * - `'fail-open'`: the claim counts as won and the handlers run without a shared record, so
 *   duplicates that land on other instances during the outage run twice. Use it only when your
 *   handlers are idempotent and availability matters more than exactly-once.
 *
 * @example
 * ```ts
 * const policy: UnavailablePolicy = 'fail-closed';
 * ```
 */
export type UnavailablePolicy = 'fail-closed' | 'fail-open';

/**
 * Options of {@link redisDedupe}.
 *
 * @example
 * ```ts
 * const options: RedisDedupeOptions = { client: new Redis(process.env.REDIS_URL!), prefix: 'shop:' };
 * ```
 */
export interface RedisDedupeOptions {
  /** An ioredis or node-redis (v4+) client you created and connected; the store never builds, connects or closes one. */
  client: RedisClientLike;
  /** Prepended to every key. Default `'douyin-push:dedupe:'`. */
  prefix?: string;
  /**
   * How long a claim lives while its handlers run. A crashed worker's claim expires after this,
   * so Douyin's retry can run. Keep it above your slowest handler (a claim that expires while
   * its handler still runs lets a retry run in parallel). Default 10 000 ms.
   */
  processingTtlMs?: number;
  /** How long a handled push is remembered (Douyin's duplicates come within minutes). Default 24 h. */
  completedTtlMs?: number;
  /** Longest wait for any Redis reply, well under Douyin's 3–5 s cut-off. Default 1000 ms. */
  timeoutMs?: number;
  /** See {@link UnavailablePolicy}. Default `'fail-closed'`. */
  onUnavailable?: UnavailablePolicy;
  /**
   * Told about Redis errors the store does not throw (fail-open, cleanups after a timeout) and
   * its warnings (eviction policy, lost data, client errors) until a receiver binds its own
   * reporter (`bindReporter`): from then on reports go to the receiver's `onError`.
   */
  onError?: (error: DouyinPushError) => void;
  /**
   * A key without TTL whose disappearance between two connections is reported as
   * `DEDUPE_DATA_LOST` (Redis restarted without persistence, was flushed, or evicted it).
   * `false` turns the check off. Default `'douyin-push:epoch'`.
   */
  epochKey?: string | false;
}

/**
 * What a Redis store adds to its interface: receivers hand it their reporter, so the store's
 * warnings and background errors reach the receiver's `onError` with everything else.
 *
 * @example
 * ```ts
 * const dedupe = redisDedupe({ client });
 * dedupe.bindReporter((error) => logger.warn({ code: error.code }, error.message));
 * ```
 */
export interface ReportingStore {
  /** Send reports to `report` from now on (several receivers may bind; each hears every report once). */
  bindReporter(report: DouyinErrorHandler): void;
}

/**
 * The store {@link redisDedupe} returns: a `DedupeStore` whose answers are always promises (each
 * is a Redis round trip), reporting through its receiver.
 *
 * @example
 * ```ts
 * const dedupe: RedisDedupeStore = redisDedupe({ client });
 * const claim = await dedupe.claim('aw1:msg-1');
 * ```
 */
export interface RedisDedupeStore extends DedupeStore {
  bindReporter(report: DouyinErrorHandler): void;
  claim(key: string): Promise<DedupeClaim>;
  complete(key: string, token: string): Promise<void>;
  release(key: string, token: string): Promise<void>;
}

const DEFAULTS = {
  prefix: 'douyin-push:dedupe:',
  processingTtlMs: 10_000,
  completedTtlMs: 24 * 60 * 60 * 1000,
  timeoutMs: 1000,
  epochKey: 'douyin-push:epoch',
} as const;

const COMPLETE_RETRY_MS = 200;

// A fail-open claim was never written to Redis, so there is no claim to compare against.
const UNSYNCED = 'unsynced:';

/**
 * A {@link DedupeStore} in Redis, shared by every process and machine of an app, so Douyin's
 * duplicate deliveries are handled once whichever instance they land on.
 *
 * Round trips per push: a new push costs 2 (claim, then complete or release); a duplicate
 * costs 1 (the claim answers `completed` or `processing`). Each is one EVALSHA of a small Lua
 * script (EVAL once more after a Redis restart flushed the script cache).
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
 */
export function redisDedupe(options: RedisDedupeOptions): RedisDedupeStore {
  if (!options || typeof options !== 'object') throw configError('@douyin-push/redis: redisDedupe() needs options');
  const commander = toCommander(options.client);
  const prefix = options.prefix ?? DEFAULTS.prefix;
  if (typeof prefix !== 'string') throw configError('@douyin-push/redis: `prefix` must be a string');
  const processingTtlMs = positive('processingTtlMs', options.processingTtlMs ?? DEFAULTS.processingTtlMs);
  const completedTtlMs = positive('completedTtlMs', options.completedTtlMs ?? DEFAULTS.completedTtlMs);
  const timeoutMs = positive('timeoutMs', options.timeoutMs ?? DEFAULTS.timeoutMs);
  const policy = options.onUnavailable ?? 'fail-closed';
  if (policy !== 'fail-closed' && policy !== 'fail-open') {
    throw configError("@douyin-push/redis: `onUnavailable` must be 'fail-closed' or 'fail-open'");
  }
  const epochKey = options.epochKey ?? DEFAULTS.epochKey;
  if (epochKey !== false && (typeof epochKey !== 'string' || epochKey === '')) {
    throw configError('@douyin-push/redis: `epochKey` must be a non-empty string or false');
  }
  const reporter = createStoreReporter(options.onError);
  const report = (error: DouyinPushError) => reporter.report(error);
  watchRedis(options.client, commander, reporter, { epochKey, timeoutMs });
  const failOpen = policy === 'fail-open';

  const run = (operation: string, script: Parameters<typeof runScript>[1], key: string, args: string[]) => {
    const pending = runScript(commander, script, [prefix + key], args);
    return { pending, reply: withTimeout(pending, timeoutMs, `${operation} of ${key}`) };
  };

  // Fail-closed: throw, core answers 503. Fail-open: report and go on as if it had worked.
  const settle = async (operation: Promise<unknown>): Promise<void> => {
    try {
      await operation;
    } catch (error) {
      if (!failOpen) throw error;
      report(error as DouyinPushError);
    }
  };

  return {
    bindReporter(handler: DouyinErrorHandler): void {
      reporter.bind(handler);
    },

    async claim(key: string): Promise<DedupeClaim> {
      const token = randomUUID();
      const { pending, reply } = run('claim', CLAIM, key, [processingValue(token), String(processingTtlMs)]);
      try {
        return readClaim(await reply, token, key);
      } catch (error) {
        // A claim that lands after we gave up would block Douyin's retry for the whole
        // processing TTL: release it as soon as it lands.
        pending.then(
          (late) => {
            if (late === 1) void run('release', RELEASE, key, [processingValue(token)]).reply.catch(report);
          },
          () => undefined,
        );
        const failure = error as DouyinPushError;
        if (!failOpen) throw failure;
        report(failure);
        return { status: 'claimed', token: UNSYNCED + token };
      }
    },

    async complete(key: string, token: string): Promise<void> {
      if (token.startsWith(UNSYNCED)) {
        // Fail-open claim: record the handled push if Redis is back, so later duplicates stop.
        const reply = commander.send('SET', [prefix + key, COMPLETED, 'PX', String(completedTtlMs)]);
        return settle(withTimeout(reply, timeoutMs, `complete of ${key}`));
      }
      const args = [processingValue(token), COMPLETED, String(completedTtlMs)];
      const deadline = Date.now() + processingTtlMs;
      // The handlers succeeded but Redis did not confirm: keep trying while the claim can still
      // be ours (compare-and-set, so a retry never overwrites a later claim), so a delivery
      // after Redis is back finds `completed` instead of running the push again.
      const retry = () => {
        if (Date.now() >= deadline) return;
        setTimeout(() => void run('complete', COMPLETE, key, args).reply.catch(retry), COMPLETE_RETRY_MS).unref();
      };
      return settle(
        run('complete', COMPLETE, key, args).reply.catch((error: unknown) => {
          retry();
          throw error;
        }),
      );
    },

    async release(key: string, token: string): Promise<void> {
      if (token.startsWith(UNSYNCED)) return;
      return settle(run('release', RELEASE, key, [processingValue(token)]).reply);
    },
  };
}

function readClaim(reply: unknown, token: string, key: string): DedupeClaim {
  if (reply === 1) return { status: 'claimed', token };
  if (reply === COMPLETED) return { status: 'completed' };
  if (typeof reply === 'string' && reply.startsWith('p:')) return { status: 'processing' };
  throw unavailable(`claim of ${key}`, new Error(`unexpected reply ${JSON.stringify(reply)} (is another app using this prefix?)`));
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw configError(`@douyin-push/redis: \`${name}\` must be a positive integer of milliseconds, got ${String(value)}`);
  }
  return value;
}
