import { LRUCache } from 'lru-cache';
import { DouyinPushError } from '../errors.js';
import { positiveInt } from '../options.js';
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
  /** Most handled pushes remembered; the least recently used are forgotten first. Default 100 000. */
  max?: number;
  /** How long a handled push is remembered. Default 24 h. */
  ttlMs?: number;
  /** How long a claim lives if its attempt never settles. Default 60 s. */
  processingTtlMs?: number;
  /**
   * Most pushes in flight at once. Claims live apart from handled ids, so a burst of completed
   * pushes can never evict a running claim (which would let a duplicate run the handlers twice);
   * past this bound a new push is refused with 503 `DEDUPE_UNAVAILABLE` and Douyin retries it.
   * Default 10 000.
   */
  maxInFlight?: number;
}

// One shared marker: a completed id costs its key and a pointer, not an object each.
const COMPLETED = 1 as const;

/**
 * The default dedupe store: in this process's memory, bounded, built on lru-cache (its TTL and
 * LRU bookkeeping are well tested and allocate no object per entry). Use `redisDedupe()` from
 * `@douyin-push/redis` when the app runs on more than one process.
 *
 * @example
 * ```ts
 * const webhooks = createDouyinWebhooks({
 *   clientSecret: process.env.DOUYIN_CLIENT_SECRET,
 *   dedupe: memoryDedupe({ max: 100_000, ttlMs: 24 * 3600_000 }),
 * });
 * ```
 */
export function memoryDedupe(options: MemoryDedupeOptions = {}): DedupeStore & { readonly size: number; readonly inFlight: number } {
  const max = positiveInt('memoryDedupe', 'max', options.max, 100_000);
  const ttl = positiveInt('memoryDedupe', 'ttlMs', options.ttlMs, 24 * 3600_000);
  const processingTtl = positiveInt('memoryDedupe', 'processingTtlMs', options.processingTtlMs, 60_000);
  const maxInFlight = positiveInt('memoryDedupe', 'maxInFlight', options.maxInFlight, 10_000);
  const completed = new LRUCache<string, typeof COMPLETED>({ max, ttl, ttlAutopurge: false });
  // key → [token, expiry]. Expired claims are swept when the map is full.
  const claims = new Map<string, { token: string; until: number }>();
  // Tokens only tell this store's own claims apart: a counter is unique enough and cheaper.
  let counter = 0;

  function held(key: string, now: number) {
    const claim = claims.get(key);
    if (claim && claim.until <= now) {
      claims.delete(key);
      return undefined;
    }
    return claim;
  }

  return {
    get size() {
      return completed.size;
    },
    get inFlight() {
      return claims.size;
    },
    async claim(key): Promise<DedupeClaim> {
      if (completed.get(key) === COMPLETED) return { status: 'completed' };
      const now = Date.now();
      if (held(key, now)) return { status: 'processing' };
      if (claims.size >= maxInFlight) {
        for (const [k, c] of claims) if (c.until <= now) claims.delete(k);
        if (claims.size >= maxInFlight) {
          throw new DouyinPushError('DEDUPE_UNAVAILABLE', 503, `memoryDedupe: ${maxInFlight} pushes are in flight (maxInFlight); refused so Douyin retries later.`);
        }
      }
      const token = `p${++counter}`;
      claims.set(key, { token, until: now + processingTtl });
      return { status: 'claimed', token };
    },
    async complete(key, token) {
      if (held(key, Date.now())?.token !== token) return;
      claims.delete(key);
      completed.set(key, COMPLETED);
    },
    async release(key, token) {
      if (held(key, Date.now())?.token === token) claims.delete(key);
    },
  };
}
