import * as z from 'zod';
import { SPI_SYSTEM_ERROR_CODE } from '../reply.js';
import { defineSpiScenario, idString, invalidReply, success } from './define.js';

// The official page prints its example under `content:` (docs/protocol.md#spi-member-info-update);
// whether the body is wrapped is not settled, so a `content` object or JSON string is unwrapped.
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
 * 会员信息变更 `merchant.member.info.update` request body, from Douyin's official 会员信息变更
 * page: currently only a re-bound phone number. Phones are encrypted (docs/protocol.md#encrypted-fields:
 * an `Enc.` prefix means the decrypt OpenAPI).
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
 * `error_code` values of the member SPIs, from Douyin's official member pages
 * (docs/protocol.md#spi-member-info-update): 0 success; 100 system error, "a retry can succeed";
 * 200 business error, "a retry hits the same error". Any non-zero code means the change failed,
 * and Douyin shows the failure (with `description`) to the user.
 *
 * @example
 * ```ts
 * MEMBER_ERROR_CODES.business; // 200
 * ```
 */
export const MEMBER_ERROR_CODES = { success: 0, system: 100, business: 200 } as const;

/**
 * What a 会员信息变更 handler returns: nothing or `{ result: 'success' }`, or
 * `{ result: 'fail' }`, a business refusal answered with `code` (default 200, "a retry will not
 * help"). Pass another positive code if your integration defines one (100 asks Douyin to
 * retry). A thrown error or an overrun is answered 100 instead: a system error, worth a retry.
 *
 * @example
 * ```ts
 * const reply: MemberInfoUpdateReply = { result: 'fail', description: '会员不存在' }; // error_code 200
 * ```
 */
export type MemberInfoUpdateReply =
  | void
  | undefined
  | { result: 'success'; data?: Record<string, unknown> }
  | { result: 'fail'; code?: number; description?: string; data?: Record<string, unknown> };

/**
 * 会员信息变更 (member info update) scenario. Douyin documents no time budget: 4.5 s by
 * default. Thrown errors and overruns are answered `error_code` 100 (system error).
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
  systemErrorCode: SPI_SYSTEM_ERROR_CODE,
  toData(reply: MemberInfoUpdateReply) {
    if (reply === undefined || reply === null) return success();
    if (reply.result === 'success') return success(reply.data);
    if (reply.result === 'fail') {
      const code = reply.code ?? MEMBER_ERROR_CODES.business;
      if (!Number.isInteger(code) || code <= 0) {
        throw invalidReply('merchant.member.info.update', "{ result: 'fail', code } with a positive integer code (default 200)", reply);
      }
      return { ...reply.data, error_code: code, description: reply.description ?? 'fail' };
    }
    throw invalidReply('merchant.member.info.update', "nothing, { result: 'success' } or { result: 'fail' }", reply);
  },
});
