import { z } from 'zod';
import { defineSpiScenario, idString, invalidReply, success } from './define.js';

/**
 * 退款信息同步 `fulfilment.order.refund_notice` request body (protocol §8.5, MED: the scenic
 * and airline pages agree). Sent when someone other than you decided a refund (timeout
 * auto-refund, customer service, 来客 app).
 *
 * @example
 * ```ts
 * const body = refundNoticeRequestSchema.parse({ order_id: '1', notice_list: [{ certificate_id: 'c', code: 'x', audit_result: 1 }] });
 * ```
 */
export const refundNoticeRequestSchema = z.looseObject({
  order_id: idString,
  after_sale_id: idString.optional(),
  /** 1 return and refund, 2 cancel booking, 3 refund only (scenic page). */
  after_sale_type: z.number().int().optional(),
  refund_type: z.number().int().optional(),
  notice_list: z
    .array(
      z.looseObject({
        certificate_id: idString.optional(),
        code: z.string().optional(),
        apply_time: z.number().optional(),
        audit_time: z.number().optional(),
        /** 1 agreed, 2 rejected. */
        audit_result: z.number().int().optional(),
      }),
    )
    .optional(),
});

/** 退款信息同步 request body as parsed. */
export type RefundNoticeRequest = z.output<typeof refundNoticeRequestSchema>;

/**
 * What a 退款信息同步 handler returns: nothing (answered success) or `{ result: 'received' }`.
 * Notification SPIs must never answer business errors [S22][S35]: to get the notice again,
 * throw (answered with the system error code, which Douyin retries).
 *
 * @example
 * ```ts
 * const reply: RefundNoticeReply = undefined;
 * ```
 */
export type RefundNoticeReply = void | undefined | { result: 'received'; data?: Record<string, unknown> };

/**
 * 退款信息同步 (refund info sync) scenario. Budget not documented: 4.5 s limit by default.
 *
 * @example
 * ```ts
 * createDouyinSpi({ scenario: refundNotice, clientSecret, handler: async (n) => { await markRefunded(n.order_id); } });
 * ```
 */
export const refundNotice = defineSpiScenario({
  name: 'fulfilment.order.refund_notice',
  schema: refundNoticeRequestSchema,
  budgetMs: undefined,
  onTimeout: 'system-error',
  toData(reply: RefundNoticeReply) {
    if (reply === undefined || reply === null) return success();
    if (reply.result === 'received') return success(reply.data);
    throw invalidReply('fulfilment.order.refund_notice', "nothing or { result: 'received' }", reply);
  },
});
