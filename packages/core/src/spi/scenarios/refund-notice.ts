import * as z from 'zod';
import { defineSpiScenario, idString, invalidReply, success } from './define.js';

/**
 * 退款信息同步 `fulfilment.order.refund_notice` request body, from Douyin's official 退款信息同步
 * page (docs/protocol.md#spi-refund-notice). Sent when someone other than you decided a refund:
 * an automatic refund after a timeout, Douyin customer service, or the merchant in the 来客 app.
 *
 * @example
 * ```ts
 * const body = refundNoticeRequestSchema.parse({ order_id: '1', after_sale_type: 3, notice_list: [{ certificate_id: 'c', code: 'x' }] });
 * ```
 */
export const refundNoticeRequestSchema = z.looseObject({
  order_id: idString,
  after_sale_id: idString.optional(),
  /** 1 退货退款 (return and refund), 2 取消服务 (service cancelled), 3 仅退款 (refund only). */
  after_sale_type: z.number().int().optional(),
  /** Older name of the refund kind on the scenic and airline pages. */
  refund_type: z.number().int().optional(),
  notice_list: z
    .array(
      z.looseObject({
        certificate_id: idString.optional(),
        code: z.string().optional(),
        total_count: z.number().int().optional(),
        verify_count: z.number().int().optional(),
        refund_count: z.number().int().optional(),
        /** In fen (分). */
        origin_amount: z.number().int().optional(),
        /** In fen (分). */
        refund_amount: z.number().int().optional(),
        /** In fen (分). */
        deduct_fee_amount: z.number().int().optional(),
        apply_time: z.number().optional(),
        audit_time: z.number().optional(),
        /** 1 agreed, 2 rejected (scenic and airline pages). */
        audit_result: z.number().int().optional(),
        sub_item_list: z.array(z.unknown()).optional(),
      }),
    )
    .optional(),
});

/** 退款信息同步 request body as parsed. */
export type RefundNoticeRequest = z.output<typeof refundNoticeRequestSchema>;

/**
 * What a 退款信息同步 handler returns: nothing (answered success) or `{ result: 'received' }`.
 *
 * Douyin sends this notice **once**: it is retried (at most three times) only when your reply
 * takes longer than 8 s; any reply, including a non-zero `error_code`, ends it. So throwing does
 * not get the notice again. Write it to your own store (a table, a queue) first, then return;
 * process it from there.
 *
 * @example
 * ```ts
 * const reply: RefundNoticeReply = undefined;
 * ```
 */
export type RefundNoticeReply = void | undefined | { result: 'received'; data?: Record<string, unknown> };

/**
 * 退款信息同步 (refund info sync) scenario. Budget 8 s (a slower reply counts as none), so the
 * handler limit is 7 s. A thrown or overrunning handler is answered with the system error code
 * and reported, but Douyin does not retry a reply it received: persist before answering.
 *
 * @example
 * ```ts
 * createDouyinSpi({ scenario: refundNotice, clientSecret, handler: async (n) => { await inbox.save('refund_notice', n); } });
 * ```
 */
export const refundNotice = defineSpiScenario({
  name: 'fulfilment.order.refund_notice',
  schema: refundNoticeRequestSchema,
  budgetMs: 8000,
  onTimeout: 'system-error',
  toData(reply: RefundNoticeReply) {
    if (reply === undefined || reply === null) return success();
    if (reply.result === 'received') return success(reply.data);
    throw invalidReply('fulfilment.order.refund_notice', "nothing or { result: 'received' }", reply);
  },
});
