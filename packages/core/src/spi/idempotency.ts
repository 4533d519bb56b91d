import { claimOrWait, storeError } from '../common/dedupe/wait.js';
import type { DedupeStore } from '../common/dedupe/types.js';
import type { SpiReplyStore } from './reply-store.js';

/** What {@link claimOrReplay} found. */
export type ClaimResult =
  { readonly kind: 'replay'; readonly body: string } | { readonly kind: 'claimed'; readonly token: string } | { readonly kind: 'busy' };

/**
 * Replays a stored reply, or claims `key` so this request runs the handler. A request that
 * finds another attempt in flight waits for that attempt's reply until `deadline` (the same
 * wait loop as push deliveries); if the other attempt failed (and released its claim) this one
 * claims and runs instead. Store errors propagate as `DEDUPE_UNAVAILABLE`: the caller answers
 * "retry later" and never runs the handler unprotected.
 *
 * @example
 * ```ts
 * const found = await claimOrReplay(dedupe, replies, key, Date.now() + 7000);
 * ```
 */
export async function claimOrReplay(dedupe: DedupeStore, replies: SpiReplyStore, key: string, deadline: number): Promise<ClaimResult> {
  const found = await claimOrWait(dedupe, key, deadline, () => replies.get(key));
  if (found.status === 'peeked') return { kind: 'replay', body: found.value };
  if (found.status !== 'claimed') return { kind: 'busy' };
  try {
    // The first attempt may have stored its reply and released between our look and our claim.
    const late = await replies.get(key);
    if (late === undefined) return { kind: 'claimed', token: found.token };
    await dedupe.release(key, found.token);
    return { kind: 'replay', body: late };
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
    try {
      await dedupe.release(key, token);
    } catch {
      // The claim lapses after its TTL; the reply already went out.
    }
  }
}
