import type { MaybePromise } from '../maybe-promise.js';
import type { DouyinErrorHandler } from '../report.js';

/**
 * The answer of {@link DedupeStore.claim}.
 * - `claimed`: the key was absent and is now `processing`, held by `token`; run the handlers.
 * - `processing`: another delivery holds it right now.
 * - `completed`: it was handled already; answer 200 without running anything.
 *
 * @example
 * ```ts
 * const claim: DedupeClaim = await store.claim('aw1:msg-1');
 * if (claim.status === 'claimed') console.log('run handlers, then complete with', claim.token);
 * ```
 */
export type DedupeClaim =
  { readonly status: 'claimed'; readonly token: string } | { readonly status: 'processing' } | { readonly status: 'completed' };

/**
 * Where douyin-push remembers which messages it handled. Three states per key:
 * absent → processing (claimed, with a short TTL so a crashed worker's claim expires) →
 * completed (with a long TTL). A failed attempt releases its claim so Douyin's retry runs.
 *
 * `complete` and `release` act only while `token` still holds the key, so a slow attempt whose
 * claim expired can never complete or release a claim that a later attempt now holds.
 * Implementations: `memoryDedupe()` (default, one process) and `redisDedupe()` from
 * `@douyin-push/redis` (shared by every instance). Each method may answer with a value or a
 * promise; a store that answers synchronously may also throw synchronously (treated as a
 * rejection). Callers `await` the answer.
 *
 * @example
 * ```ts
 * const store: DedupeStore = memoryDedupe({ max: 100_000, ttlMs: 24 * 3600_000 });
 * const claim = await store.claim('aw123:msg-1');
 * if (claim.status === 'claimed') {
 *   try { await work(); await store.complete('aw123:msg-1', claim.token); }
 *   catch (e) { await store.release('aw123:msg-1', claim.token); throw e; }
 * }
 * ```
 */
export interface DedupeStore {
  /** Atomically move `key` from absent to processing, or say which state it is in. */
  claim(key: string): MaybePromise<DedupeClaim>;
  /** processing → completed, if `token` still holds the key. */
  complete(key: string, token: string): MaybePromise<void>;
  /** processing → absent, if `token` still holds the key (the next delivery runs again). */
  release(key: string, token: string): MaybePromise<void>;
  /**
   * Called by every receiver (and queue worker) that uses this store, with its error channel:
   * a store reports connection losses and risky settings (an evicting Redis) through it.
   */
  bindReporter?(report: DouyinErrorHandler): void;
}
