import { LRUCache } from 'lru-cache';
import { configError } from '../common/errors.js';
import type { DouyinErrorHandler } from '../common/report.js';

/**
 * Where SPI receivers keep the reply they sent, so Douyin's retry of 发券 or 退款申请 gets
 * the same answer without running the handler again. Values are the exact JSON body sent.
 * The claim (who is running the handler right now) lives in a `DedupeStore`; this store
 * only holds finished replies.
 *
 * A Redis implementation is two commands: `get` = `GET <prefix><key>`,
 * `set` = `SET <prefix><key> <body> PX <ttlMs>`.
 *
 * @example
 * ```ts
 * const store: SpiReplyStore = memorySpiReplies();
 * await store.set('fulfilment.order.tripartite_code:aw1:123', '{"data":{"error_code":0}}', 86_400_000);
 * await store.get('fulfilment.order.tripartite_code:aw1:123'); // '{"data":{"error_code":0}}'
 * ```
 */
export interface SpiReplyStore {
  /** The stored reply body, or `undefined` if none (or it expired). */
  get(key: string): Promise<string | undefined>;
  /** Stores `body` under `key` for `ttlMs` milliseconds, replacing any earlier value. */
  set(key: string, body: string, ttlMs: number): Promise<void>;
  /** Called by each SPI receiver that uses this store, with its error channel (see `DedupeStore`). */
  bindReporter?(report: DouyinErrorHandler): void;
}

/**
 * Options of {@link memorySpiReplies}.
 *
 * @example
 * ```ts
 * const options: MemorySpiRepliesOptions = { max: 50_000 };
 * ```
 */
export interface MemorySpiRepliesOptions {
  /** Most replies kept; the least recently used go first. Default 50 000. */
  max?: number;
}

/**
 * The default reply store: this process's memory, bounded, on lru-cache. Use the Redis store
 * from `@douyin-push/redis` when more than one process answers SPI calls.
 *
 * @example
 * ```ts
 * createDouyinSpi({ scenario: 'fulfilment.order.tripartite_code', clientSecret, handler,
 *   idempotency: { dedupe: memoryDedupe(), replies: memorySpiReplies({ max: 10_000 }) } });
 * ```
 */
export function memorySpiReplies(options: MemorySpiRepliesOptions = {}): SpiReplyStore & { readonly size: number } {
  const max = options.max ?? 50_000;
  if (!Number.isInteger(max) || max <= 0) {
    throw configError(`memorySpiReplies: \`max\` must be a positive integer, got ${String(max)}.`);
  }
  const cache = new LRUCache<string, string>({ max, ttlAutopurge: false });
  return {
    get size() {
      return cache.size;
    },
    async get(key) {
      return cache.get(key);
    },
    async set(key, body, ttlMs) {
      cache.set(key, body, { ttl: ttlMs });
    },
  };
}
