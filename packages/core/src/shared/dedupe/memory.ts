import { LRUCache } from 'lru-cache';
import { configError } from '../errors.js';
import type { DedupeClaim, DedupeStore } from './types.js';

/**
 * Options of {@link memoryDedupe}.
 *
 * @example
 * ```ts
 * const options: MemoryDedupeOptions = { max: 50_000, ttlMs: 6 * 3600_000 };
 * ```
 */
export interface MemoryDedupeOptions {
  /** Most message ids remembered; the least recently used are forgotten first. Default 100 000. */
  max?: number;
  /** How long a handled message id is remembered. Default 24 h (Douyin reuses a Msg-Id for the same entity and action, so do not keep them forever). */
  ttlMs?: number;
  /** How long a claim lives if its attempt never settles. Default 60 s. */
  processingTtlMs?: number;
}

// One shared marker: a completed id costs its key and a pointer, not an object each.
const COMPLETED = 'c';

/**
 * The default dedupe store: in this process's memory, bounded by `max`, built on lru-cache
 * (its TTL and LRU bookkeeping are well tested and allocate no object per entry). Use
 * `redisDedupe()` from `@douyin-push/redis` when the app runs on more than one process.
 *
 * @example
 * ```ts
 * const webhooks = createDouyinWebhooks({
 *   clientSecret: process.env.DOUYIN_CLIENT_SECRET!,
 *   dedupe: memoryDedupe({ max: 100_000, ttlMs: 24 * 3600_000 }),
 * });
 * ```
 */
export function memoryDedupe(options: MemoryDedupeOptions = {}): DedupeStore & { readonly size: number } {
  const max = options.max ?? 100_000;
  const ttl = options.ttlMs ?? 24 * 3600_000;
  const processingTtl = options.processingTtlMs ?? 60_000;
  for (const [name, value] of [['max', max], ['ttlMs', ttl], ['processingTtlMs', processingTtl]] as const) {
    if (!Number.isInteger(value) || value <= 0) {
      throw configError(`memoryDedupe: \`${name}\` must be a positive integer, got ${String(value)}.`);
    }
  }
  // A value is either COMPLETED or the token of the claim that holds the key.
  const cache = new LRUCache<string, string>({ max, ttl, ttlAutopurge: false });
  // Tokens only tell this store's own claims apart: a counter is unique enough and cheaper.
  let claims = 0;

  return {
    get size() {
      return cache.size;
    },
    async claim(key): Promise<DedupeClaim> {
      const value = cache.get(key);
      if (value === COMPLETED) return { status: 'completed' };
      if (value !== undefined) return { status: 'processing' };
      const token = `p${++claims}`;
      cache.set(key, token, { ttl: processingTtl });
      return { status: 'claimed', token };
    },
    async complete(key, token) {
      if (cache.get(key) === token) cache.set(key, COMPLETED);
    },
    async release(key, token) {
      if (cache.get(key) === token) cache.delete(key);
    },
  };
}
