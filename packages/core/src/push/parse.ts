import * as z from 'zod';
import { createHash } from 'node:crypto';
import { bytesToText } from '../shared/bytes.js';
import { DouyinPushError } from '../shared/errors.js';
import { readHeader } from '../shared/headers.js';
import type { HeadersInput } from '../shared/receiver.js';

/**
 * The push body's top level. Loose: fields Douyin adds are kept. Only `event` is required;
 * `client_key` is `""` on `verify_webhook`, `content` is usually a JSON string (protocol §2.2).
 *
 * @example
 * ```ts
 * const envelope = envelopeSchema.parse(JSON.parse(rawText));
 * ```
 */
export const envelopeSchema = z.looseObject({
  event: z.string().min(1),
  client_key: z.string().default(''),
  content: z.unknown(),
  log_id: z.string().default(''),
  from_user_id: z.string().optional(),
  to_user_id: z.string().optional(),
  msg_id: z.string().optional(),
});

/**
 * The push body's top level, as parsed.
 *
 * @example
 * ```ts
 * webhooks.onAny(({ envelope }: { envelope: Envelope }) => console.log(envelope.log_id, envelope.from_user_id));
 * ```
 */
export type Envelope = z.output<typeof envelopeSchema>;

/**
 * Decodes the body bytes to JSON. Invalid UTF-8 or JSON, or a non-object, is a 400.
 *
 * @example
 * ```ts
 * const json = parseJsonBody(rawBody); // Record<string, unknown>
 * ```
 */
export function parseJsonBody(rawBody: Uint8Array): Record<string, unknown> {
  const text = bytesToText(rawBody);
  let value: unknown;
  try {
    if (text === undefined) throw new Error('the body is not valid UTF-8');
    value = JSON.parse(text);
  } catch (cause) {
    throw new DouyinPushError('INVALID_JSON', 400, 'The request body is not JSON.', { cause });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DouyinPushError('INVALID_JSON', 400, 'The request body is not a JSON object.');
  }
  return value as Record<string, unknown>;
}

/**
 * Checks the envelope shape: an object with a non-empty string `event` (400 otherwise).
 *
 * @example
 * ```ts
 * const envelope = parseEnvelope(parseJsonBody(rawBody));
 * envelope.event; // 'life_trade_order_notify'
 * ```
 */
export function parseEnvelope(json: Record<string, unknown>): Envelope {
  const result = envelopeSchema.safeParse(json);
  if (!result.success) {
    throw new DouyinPushError(
      'INVALID_ENVELOPE',
      400,
      `The push envelope is invalid (${result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}).`,
    );
  }
  return result.data;
}

/**
 * `content` is a JSON-encoded string on every documented push and an object on some
 * `verify_webhook` requests (protocol §3): decode the first, accept the second. A string
 * that is not JSON is a 400.
 *
 * @example
 * ```ts
 * decodeContent('{"product_id":"1","status":"PASS"}'); // { product_id: '1', status: 'PASS' }
 * ```
 */
export function decodeContent(content: unknown): unknown {
  if (typeof content !== 'string') return content;
  try {
    return JSON.parse(content);
  } catch (cause) {
    throw new DouyinPushError('INVALID_CONTENT', 400, 'The push `content` is a string but not JSON.', {
      cause,
    });
  }
}

/**
 * The dedupe id of a push: the `Msg-Id` header, else the body's `msg_id`, else a digest of the
 * body (so an exact redelivery is still recognised).
 *
 * @example
 * ```ts
 * messageId(headers, envelope, rawBody); // '13cedde5b8decd82f5c2267a60edd7ad'
 * ```
 */
export function messageId(headers: HeadersInput, envelope: Envelope, rawBody: Uint8Array): string {
  const header = readHeader(headers, 'msg-id');
  if (header) return header;
  if (envelope.msg_id) return envelope.msg_id;
  return `sha1:${createHash('sha1').update(rawBody).digest('hex')}`;
}
