import { randomBytes } from 'node:crypto';
import { sign } from '../push/signature.js';
import type { DouyinEventContentMap, DouyinEventName } from '../events/types.js';

/**
 * Options of {@link buildPush}. `content` is typed for known events.
 *
 * @example
 * ```ts
 * const options: BuildPushOptions<'life_product_status_change'> = {
 *   event: 'life_product_status_change',
 *   content: { product_id: '1', status: 'GOODS_BAN' },
 *   secret: 'test_secret',
 * };
 * ```
 */
export interface BuildPushOptions<E extends string = string> {
  event: E;
  content: E extends DouyinEventName ? DouyinEventContentMap[E] | Record<string, unknown> : unknown;
  secret: string;
  clientKey?: string;
  /** `Msg-Id` header and body `msg_id`. Default: 32 random hex chars, like Douyin's. */
  msgId?: string | null;
  logId?: string;
  fromUserId?: string;
  /** Douyin sends `content` JSON-encoded (`'string'`, default); `verify_webhook` may come as an object. */
  contentAs?: 'string' | 'object';
  /** Leave the `X-Douyin-Signature` header out, or sign with another secret to forge one. */
  signature?: 'valid' | 'missing' | { forgeWith: string };
}

/**
 * A signed push: the exact body string and the headers Douyin sends with it.
 *
 * @example
 * ```ts
 * const { body, headers } = buildPush({ event: 'life_trade_order_notify', content, secret });
 * await fetch(url, { method: 'POST', headers, body });
 * ```
 */
export interface BuiltPush {
  body: string;
  headers: Record<string, string>;
  msgId: string | undefined;
}

/**
 * Builds a push the way Douyin does: compact JSON envelope, `content` JSON-encoded inside it,
 * `X-Douyin-Signature` = sha1(secret ‖ body), `Msg-Id` header.
 *
 * @example
 * ```ts
 * import { buildPush } from '@douyin-push/core/testing';
 *
 * const push = buildPush({
 *   event: 'life_trade_certificate_notify',
 *   content: { action: 'verify', msg_time: 1679914989,
 *     certificate: { certificate_id: '7212557509230723106', order_id: '800', account_id: '712' } },
 *   secret: 'test_secret',
 * });
 * const res = await fetch('http://127.0.0.1:3000/douyin/webhook', { method: 'POST', ...push });
 * ```
 */
export function buildPush<E extends string>(options: BuildPushOptions<E>): BuiltPush {
  const msgId = options.msgId === null ? undefined : (options.msgId ?? randomBytes(16).toString('hex'));
  const envelope: Record<string, unknown> = {
    event: options.event,
    client_key: options.clientKey ?? 'aw_test_client',
    from_user_id: options.fromUserId ?? '',
    content: options.contentAs === 'object' ? options.content : JSON.stringify(options.content),
    log_id: options.logId ?? `0217${Date.now()}${randomBytes(8).toString('hex')}`,
  };
  if (msgId !== undefined) envelope.msg_id = msgId;
  const body = JSON.stringify(envelope);
  return { body, headers: signedHeaders(body, options.secret, { msgId, signature: options.signature }), msgId };
}

/**
 * The headers Douyin sends with a given raw body (use it to replay a captured push byte for byte).
 *
 * @example
 * ```ts
 * const headers = signedHeaders(fixtures.life_trade_order_notify, 'test_secret', { msgId: 'm1' });
 * ```
 */
export function signedHeaders(
  body: string | Uint8Array,
  secret: string,
  options: { msgId?: string | undefined; signature?: BuildPushOptions['signature'] } = {},
): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const mode = options.signature ?? 'valid';
  if (mode === 'valid') headers['x-douyin-signature'] = sign(body, secret);
  else if (mode !== 'missing') headers['x-douyin-signature'] = sign(body, mode.forgeWith);
  if (options.msgId !== undefined) headers['msg-id'] = options.msgId;
  return headers;
}
