import * as z from 'zod';
import { sha1Hex } from '../crypto/index.js';
import { DouyinPushError } from '../common/errors.js';
import { readHeader } from '../common/headers.js';
import type { HeadersInput } from '../common/receiver.js';

/**
 * The push body's top level. Loose: fields Douyin adds are kept. Only `event` is required;
 * `content` is a JSON string on pushes (an object on some `verify_webhook`s), see docs/protocol.md.
 *
 * @example
 * ```ts
 * const envelope = envelopeSchema.parse(JSON.parse(rawText));
 * ```
 */
export const envelopeSchema = z.looseObject({
  event: z.string().min(1),
  // Optional: a signed push without content is still delivered (content undefined, flagged).
  client_key: z.string().default(''),
  content: z.unknown().optional(),
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
 * Checks the envelope shape: an object with a non-empty string `event` (400 otherwise).
 *
 * @example
 * ```ts
 * const envelope = parseEnvelope(parseJsonBody(rawBody));
 * envelope.event; // 'life_trade_order_notify'
 * ```
 */
export function parseEnvelope(json: Record<string, unknown>): Envelope {
  // The shape every real push has, checked by hand: zod's parse copies the object and was a
  // tenth of core's time per push (bench/README.md). zod still decides everything else, and
  // words the 400.
  if (isPlainEnvelope(json)) return json as Envelope;
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

const optionalString = (value: unknown) => value === undefined || typeof value === 'string';

function isPlainEnvelope(json: Record<string, unknown>): boolean {
  return (
    typeof json.event === 'string' &&
    json.event.length > 0 &&
    typeof json.client_key === 'string' &&
    typeof json.log_id === 'string' &&
    optionalString(json.from_user_id) &&
    optionalString(json.to_user_id) &&
    optionalString(json.msg_id)
  );
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
export function messageId(headers: HeadersInput, envelope: Envelope, rawBody: Uint8Array, sent = readHeader(headers, 'msg-id')): string {
  if (sent) return sent;
  if (envelope.msg_id) return envelope.msg_id;
  return `sha1:${sha1Hex(rawBody)}`;
}
