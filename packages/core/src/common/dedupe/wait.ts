import { DouyinPushError } from '../errors.js';
import { sleep } from '../deadline.js';
import type { DedupeClaim, DedupeStore } from './types.js';

/** How often a duplicate looks again at a key another delivery holds. */
const POLL_MS = 25;

/**
 * Claims `key`, waiting (until `deadline`) while another delivery holds it: that delivery's
 * success makes this one a duplicate, its failure (the claim released) lets this one claim and
 * run. `peek` runs before each claim and may end the wait early (SPI: a stored reply to replay).
 * Push deliveries and SPI idempotency share this one loop. `busy`: the caller's own claim just
 * found the key held, so the loop starts by waiting.
 *
 * @throws DouyinPushError `DEDUPE_UNAVAILABLE` (503) when the store fails.
 * @example
 * ```ts
 * const claim = await claimOrWait(store, key, Date.now() + 2500);
 * if (claim.status === 'busy') return reply409();
 * ```
 */
export async function claimOrWait<P>(
  store: DedupeStore,
  key: string,
  deadline: number,
  peek?: () => Promise<P | undefined>,
  busy = false,
): Promise<Exclude<DedupeClaim, { status: 'processing' }> | { status: 'busy' } | { status: 'peeked'; value: P }> {
  try {
    for (;;) {
      if (busy) {
        const left = deadline - Date.now();
        if (left <= 0) return { status: 'busy' };
        await sleep(Math.min(POLL_MS, left));
      }
      if (peek) {
        const value = await peek();
        if (value !== undefined) return { status: 'peeked', value };
      }
      const claim = await store.claim(key);
      if (claim.status !== 'processing') return claim;
      busy = true;
    }
  } catch (error) {
    throw storeError(error);
  }
}

/**
 * A store failure as the 503 that makes Douyin retry later.
 *
 * @example
 * ```ts
 * try { await store.complete(key, token); } catch (e) { report(storeError(e)); }
 * ```
 */
export function storeError(error: unknown): DouyinPushError {
  if (error instanceof DouyinPushError) return error;
  return new DouyinPushError(
    'DEDUPE_UNAVAILABLE',
    503,
    `The dedupe store failed: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error },
  );
}
