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
  /** Most handled pushes remembered; the oldest are forgotten first. Default 100 000. */
  max?: number;
  /** How long a handled push is remembered. Default 24 h. */
  ttlMs?: number;
  /** How long a claim lives if its attempt never settles. Default 60 s. */
  processingTtlMs?: number;
  /**
   * Most pushes in flight at once. Claims are never evicted by handled ids (that would let a
   * duplicate run the handlers twice); past this bound a new push is refused with 503
   * `DEDUPE_UNAVAILABLE` and Douyin retries it. Default 10 000.
   */
  maxInFlight?: number;
}

/** A running claim: its token and when it lapses (ms on the store's clock). */
interface Claim {
  token: string;
  until: number;
}

/**
 * The default dedupe store: in this process's memory, bounded, answering synchronously (core
 * then awaits nothing for it). One `Map` holds both states of a key: a running claim (an object)
 * or a handled push (its expiry, a number). Handled ids are forgotten oldest first through a
 * ring of keys, and an expired one when read; a claim is never forgotten for room, so a burst
 * of handled ids cannot make a duplicate run twice. (lru-cache did this before; its recency
 * bookkeeping bought nothing here, since a duplicate touches an id at most a few times, and it
 * cost a fifth of core's CPU per push and 6 KB of the 40 KB gzip worker budget. A second Map
 * for the claims cost 1 µs per push: a Map that empties after every push reallocates its
 * table. bench/README.md.) Use `redisDedupe()` from `@douyin-push/redis` when the app runs on
 * more than one process.
 *
 * @example
 * ```ts
 * const webhooks = createDouyinWebhooks({
 *   clientSecret: process.env.DOUYIN_CLIENT_SECRET,
 *   dedupe: memoryDedupe({ max: 100_000, ttlMs: 24 * 3600_000 }),
 * });
 * ```
 */
export function memoryDedupe(options: MemoryDedupeOptions = {}): MemoryDedupeStore {
  const max = positiveInt('memoryDedupe', 'max', options.max, 100_000);
  const ttl = positiveInt('memoryDedupe', 'ttlMs', options.ttlMs, 24 * 3600_000);
  const processingTtl = positiveInt('memoryDedupe', 'processingTtlMs', options.processingTtlMs, 60_000);
  const maxInFlight = positiveInt('memoryDedupe', 'maxInFlight', options.maxInFlight, 10_000);
  // Times count from the store's creation, so an expiry stays a small integer (a Date.now()
  // value does not fit one, and V8 would box every expiry it stores).
  const epoch = Date.now();
  const entries = new Map<string, number | Claim>();
  // Handled ids in completion order (asking the Map for its oldest key walks the holes deletes
  // leave behind: tens of µs per push after 100k evictions).
  let order: string[] = [];
  let oldest = 0;
  let handled = 0;
  let inFlight = 0;
  // Ids dropped on read after their TTL: their ring slots are stale from then on, and a stale
  // slot's key may since be a running claim, which eviction must not drop.
  let forgotten = 0;
  // Tokens only tell this store's own claims apart: a counter is unique enough and cheaper.
  let counter = 0;

  function sweepClaims(now: number): void {
    for (const [key, value] of entries) {
      if (typeof value !== 'number' && value.until <= now) {
        entries.delete(key);
        inFlight--;
      }
    }
  }

  return {
    get size() {
      return handled;
    },
    get inFlight() {
      return inFlight;
    },
    claim(key) {
      const now = Date.now() - epoch;
      const value = entries.get(key);
      if (typeof value === 'number') {
        if (value > now) return COMPLETED;
        entries.delete(key);
        handled--;
        forgotten++;
      } else if (value !== undefined) {
        if (value.until > now) return PROCESSING;
        entries.delete(key);
        inFlight--;
      }
      if (inFlight >= maxInFlight) {
        sweepClaims(now);
        if (inFlight >= maxInFlight) {
          throw new DouyinPushError(
            'DEDUPE_UNAVAILABLE',
            503,
            `memoryDedupe: ${maxInFlight} pushes are in flight (maxInFlight); refused so Douyin retries later.`,
          );
        }
      }
      const token = `p${++counter}`;
      entries.set(key, { token, until: now + processingTtl });
      inFlight++;
      return { status: 'claimed', token };
    },
    complete(key, token) {
      const now = Date.now() - epoch;
      const value = entries.get(key);
      if (typeof value === 'number' || value?.token !== token || value.until <= now) return;
      inFlight--;
      entries.set(key, now + ttl);
      handled++;
      order.push(key);
      // A key completed twice (after its TTL) sits in the ring twice; its first slot then forgets
      // it early, which only shortens how long it is remembered. A slot whose key is now a
      // running claim is skipped: claims are never evicted.
      while (handled > max) {
        const evicted = order[oldest++]!;
        // Until an id expires on read, every slot of the ring holds a handled id, once: the
        // oldest can go without a look (a lookup of a cold key costs as much as the delete).
        if (forgotten === 0 || typeof entries.get(evicted) === 'number') {
          entries.delete(evicted);
          handled--;
        }
      }
      if (oldest > 4096 && oldest * 2 > order.length) {
        order = order.slice(oldest);
        oldest = 0;
      }
    },
    release(key, token) {
      const value = entries.get(key);
      if (typeof value !== 'number' && value?.token === token) {
        entries.delete(key);
        inFlight--;
      }
    },
  };
}

/**
 * What {@link memoryDedupe} returns: a {@link DedupeStore} whose answers are never promises,
 * with its sizes for metrics.
 *
 * @example
 * ```ts
 * const store: MemoryDedupeStore = memoryDedupe();
 * console.log(store.size, 'handled ids,', store.inFlight, 'in flight');
 * ```
 */
export interface MemoryDedupeStore extends DedupeStore {
  claim(key: string): DedupeClaim;
  complete(key: string, token: string): void;
  release(key: string, token: string): void;
  /** Handled ids remembered now (at most `max`). */
  readonly size: number;
  /** Claims running now (at most `maxInFlight`). */
  readonly inFlight: number;
}

// Shared answers: a claim result is read, never changed.
const COMPLETED: DedupeClaim = Object.freeze({ status: 'completed' });
const PROCESSING: DedupeClaim = Object.freeze({ status: 'processing' });
