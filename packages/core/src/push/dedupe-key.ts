import type { DouyinAnyEvent } from '../events/types.js';
import { sha1Hex } from '../crypto/index.js';

/**
 * Chooses the dedupe identity of a push: the same string for deliveries of the same push,
 * different strings for different pushes (include the client_key when you serve several apps).
 * The string is the dedupe store's key as it is.
 *
 * @example
 * ```ts
 * // Trust Msg-Id alone (per app): a later push reusing a Msg-Id is dropped as a duplicate.
 * const byMsgId: DedupeKey = (event) => JSON.stringify([event.clientKey, event.msgId]);
 * createDouyinWebhooks({ clientSecret, dedupeKey: byMsgId });
 * ```
 */
export type DedupeKey = (event: DouyinAnyEvent) => string;

/**
 * The default identity: client_key, event name, message id and a SHA-1 of `content` exactly as
 * sent, each length-prefixed (so no two different tuples give the same key: `aw1:x` + `y` and
 * `aw1` + `x:y` differ).
 *
 * Why the content digest: Douyin gives "the same msg_id for the same entity and action"
 * (同一实体下同一action的msg_id相同), so a voucher verified, cancelled and verified again sends
 * its second `verify` with the first one's Msg-Id; it differs in content (times, ids). A true
 * redelivery re-sends the same message, so its content is the same. If Douyin ever re-serialised
 * content between retries, a retry would run twice: handlers should be idempotent anyway.
 *
 * @example
 * ```ts
 * defaultDedupeKey(event); // '3:aw129:life_trade_certificate_notify3:m-1:3b5d…'
 * ```
 */
export function defaultDedupeKey(event: DouyinAnyEvent): string {
  const content = event.envelope.content;
  // Pushes carry content as a JSON string; anything else is digested as the whole raw body.
  const { clientKey, name, msgId } = event;
  // 64 bits of the digest tell apart pushes that share a Msg-Id; a shorter key is cheaper to hash
  // on every Map or Redis lookup.
  const digest = sha1Hex(typeof content === 'string' ? content : event.rawBody).slice(0, 16);
  return `${clientKey.length}:${clientKey}${name.length}:${name}${msgId.length}:${msgId}:${digest}`;
}
