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


/**
 * The default dedupe store: in this process's memory, bounded. Handled ids live in a `Map` in
 * completion order with their expiry: the oldest is forgotten first, and an expired id is
 * forgotten when read. (lru-cache did this before; its recency bookkeeping bought nothing here,
 * a duplicate touches an id at most a few times, and it cost a fifth of core's CPU per push and
 * 6 KB of the 40 KB gzip worker budget: bench/README.md.) Use `redisDedupe()` from
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
  // id → when it stops counting as handled (ms since the epoch), and the ids in completion order
  // (a ring: asking the Map for its oldest key walks the holes deletes leave behind, which grows
  // to tens of µs per push after 100k evictions).
  const completed = new Map<string, number>();
  let order: string[] = [];
  let oldest = 0;
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
      const now = Date.now();
      const until = completed.get(key);
      if (until !== undefined) {
        if (until > now) return { status: 'completed' };
        completed.delete(key);
      }
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
      completed.set(key, Date.now() + ttl);
      order.push(key);
      // An id completed twice (after its TTL) sits in the ring twice; its first slot then forgets
      // it early, which only shortens how long it is remembered.
      while (completed.size > max) completed.delete(order[oldest++]!);
      if (oldest > 4096 && oldest * 2 > order.length) {
        order = order.slice(oldest);
        oldest = 0;
      }
    },
    async release(key, token) {
      if (held(key, Date.now())?.token === token) claims.delete(key);
    },
  };
}
