import { DouyinPushError } from '../shared/errors.js';
import type { DedupeStore } from '../shared/dedupe/types.js';
import type { SpiReplyStore } from './reply-store.js';

/** How often a retry that found the request in flight looks for the first attempt's reply. */
const POLL_MS = 100;

/** What {@link claimOrReplay} found. */
export type ClaimResult =
  | { readonly kind: 'replay'; readonly body: string }
  | { readonly kind: 'claimed'; readonly token: string }
  | { readonly kind: 'busy' };

/**
 * Replays a stored reply, or claims `key` so this request runs the handler. A request that
 * finds another attempt in flight waits for that attempt's reply until `deadline`; if the
 * other attempt failed (and released its claim) this one claims and runs instead.
 * Store errors propagate as `DEDUPE_UNAVAILABLE`: the caller answers "retry later" and never
 * runs the handler unprotected.
 *
 * @example
 * ```ts
 * const found = await claimOrReplay(dedupe, replies, 'spi:fulfilment.order.tripartite_code:aw1:123', Date.now() + 7000);
 * ```
 */
export async function claimOrReplay(
  dedupe: DedupeStore,
  replies: SpiReplyStore,
  key: string,
  deadline: number,
): Promise<ClaimResult> {
  try {
    const stored = await replies.get(key);
    if (stored !== undefined) return { kind: 'replay', body: stored };
    for (;;) {
      const claim = await dedupe.claim(key);
      if (claim.status === 'claimed') {
        // The first attempt may have stored its reply and released between our get and claim.
        const late = await replies.get(key);
        if (late === undefined) return { kind: 'claimed', token: claim.token };
        await dedupe.release(key, claim.token);
        return { kind: 'replay', body: late };
      }
      const body = await replies.get(key);
      if (body !== undefined) return { kind: 'replay', body };
      const left = deadline - Date.now();
      if (left <= 0) return { kind: 'busy' };
      await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, left)));
    }
  } catch (error) {
    throw storeError(error);
  }
}

/**
 * Stores a finished reply (only a success, `error_code` 0: an error must let Douyin's retry
 * run the handler again) and frees the claim.
 *
 * @example
 * ```ts
 * await settleClaim(dedupe, replies, key, token, '{"data":{"error_code":0,"description":"success"}}', 86_400_000);
 * ```
 */
export async function settleClaim(
  dedupe: DedupeStore,
  replies: SpiReplyStore,
  key: string,
  token: string,
  body: string | undefined,
  ttlMs: number,
): Promise<void> {
  try {
    if (body !== undefined) await replies.set(key, body, ttlMs);
  } catch (error) {
    throw storeError(error);
  } finally {
    // Released even when storing failed, so the next retry runs instead of waiting on a dead claim.
    await dedupe.release(key, token).catch(() => undefined);
  }
}

function storeError(error: unknown): DouyinPushError {
  if (error instanceof DouyinPushError) return error;
  return new DouyinPushError('DEDUPE_UNAVAILABLE', 503, 'the SPI idempotency store failed; answered "retry later".', {
    cause: error,
  });
}
