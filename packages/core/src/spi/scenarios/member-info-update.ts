import { z } from 'zod';
import { SPI_SYSTEM_ERROR_CODE } from '../reply.js';
import { defineSpiScenario, idString, invalidReply, success } from './define.js';

// The doc shows the example under `content:` (protocol §8.7, §14 Q8): whether the body is
// wrapped is UNCONFIRMED, so a body with a `content` object or JSON string is unwrapped.
function unwrapContent(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || 'open_id' in body) return body;
  const content = (body as { content?: unknown }).content;
  if (typeof content === 'string') {
    try {
      return JSON.parse(content);
    } catch {
      return body;
    }
  }
  return typeof content === 'object' && content !== null ? content : body;
}

/**
 * 会员信息变更 `merchant.member.info.update` request body ([S20] HIGH): currently only a
 * re-bound phone number. Phones are encrypted (protocol §10: `Enc.` prefix → decrypt OpenAPI).
 *
 * @example
 * ```ts
 * const body = memberInfoUpdateRequestSchema.parse({ open_id: 'o', account_id: '1', update_time: '1709705974', info: {} });
 * ```
 */
export const memberInfoUpdateRequestSchema = z.preprocess(
  unwrapContent,
  z.looseObject({
    /** Encrypted user id. */
    open_id: z.string(),
    /** Merchant brand account id. */
    account_id: idString,
    /** Unix seconds, sent as a string. */
    update_time: idString,
    info: z
      .looseObject({
        mobile: z
          .looseObject({
            old_mobile: z.string().optional(),
            new_mobile: z.string().optional(),
          })
          .optional(),
      })
      .optional(),
  }),
);

/** 会员信息变更 request body as parsed. */
export type MemberInfoUpdateRequest = z.output<typeof memberInfoUpdateRequestSchema>;

/**
 * What a 会员信息变更 handler returns: nothing or `{ result: 'success' }`, or
 * `{ result: 'fail' }` (answered with the system error code: the failure code is UNCONFIRMED,
 * the response table was not visible).
 *
 * @example
 * ```ts
 * const reply: MemberInfoUpdateReply = { result: 'fail', description: 'member not found' };
 * ```
 */
export type MemberInfoUpdateReply =
  | void
  | undefined
  | { result: 'success'; data?: Record<string, unknown> }
  | { result: 'fail'; description?: string; data?: Record<string, unknown> };

/**
 * 会员信息变更 (member info update) scenario. Budget not documented: 4.5 s by default.
 *
 * @example
 * ```ts
 * createDouyinSpi({ scenario: memberInfoUpdate, clientSecret, handler: async (m) => { await rebind(m.open_id, m.info?.mobile?.new_mobile); } });
 * ```
 */
export const memberInfoUpdate = defineSpiScenario({
  name: 'merchant.member.info.update',
  schema: memberInfoUpdateRequestSchema,
  budgetMs: undefined,
  onTimeout: 'system-error',
  toData(reply: MemberInfoUpdateReply) {
    if (reply === undefined || reply === null) return success();
    if (reply.result === 'success') return success(reply.data);
    if (reply.result === 'fail') {
      return { ...reply.data, error_code: SPI_SYSTEM_ERROR_CODE, description: reply.description ?? 'fail' };
    }
    throw invalidReply('merchant.member.info.update', "nothing, { result: 'success' } or { result: 'fail' }", reply);
  },
});
