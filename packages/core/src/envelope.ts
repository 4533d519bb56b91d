import { z } from 'zod';

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
