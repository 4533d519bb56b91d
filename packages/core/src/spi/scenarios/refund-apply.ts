import { z } from 'zod';
import { bodyFingerprint, defineSpiScenario, idString, invalidReply } from './define.js';

/**
 * 退款申请 `fulfilment.order.refund_apply` request body. The official page [S16] says Douyin
 * asks to refund one or more certificates of one order, but its field table was not visible:
 * only `order_id` is required, `after_sale_id` is typed if present, everything else passes
 * through untyped (UNCONFIRMED).
 *
 * @example
 * ```ts
 * const body = refundApplyRequestSchema.parse({ order_id: '123', after_sale_id: '9' });
 * ```
 */
export const refundApplyRequestSchema = z.looseObject({
  order_id: idString,
  after_sale_id: idString.optional(),
});

/** 退款申请 request body as parsed. */
export type RefundApplyRequest = z.output<typeof refundApplyRequestSchema>;

/**
 * The one table mapping 退款申请 decisions to `data.result`. UNCONFIRMED (protocol §8.4, §14
 * Q6): approve 1 / reject 2 match the audit-callback OpenAPI [S17] and a community stub [C8];
 * pending 0 is a guess (LOW–MED). Douyin counts anything it cannot read as pending [S16].
 *
 * @example
 * ```ts
 * REFUND_APPLY_RESULTS.approve; // 1
 * ```
 */
export const REFUND_APPLY_RESULTS = { pending: 0, approve: 1, reject: 2 } as const;

/**
 * What a 退款申请 handler returns: one decision for the whole request. For a partial
 * decision answer `pending` and call the audit-callback OpenAPI later [S16]. To reject a
 * certificate whose `code` was empty in the request, return its code in `data` (field name
 * UNCONFIRMED).
 *
 * @example
 * ```ts
 * const reply: RefundApplyReply = used ? { result: 'reject', description: 'already used' } : { result: 'approve' };
 * ```
 */
export type RefundApplyReply = {
  result: keyof typeof REFUND_APPLY_RESULTS;
  description?: string;
  data?: Record<string, unknown>;
};

/**
 * 退款申请 (refund apply) scenario. Budget 8 s; on error Douyin retries every hour [S16], so a
 * thrown or overrunning handler gets the system error code and the retry gets the stored
 * decision (idempotency on by default). Identity: `order_id` + `after_sale_id`, or `order_id`
 * + a hash of the body when there is no `after_sale_id`.
 *
 * @example
 * ```ts
 * createDouyinSpi({ scenario: refundApply, clientSecret, handler: () => ({ result: 'approve' }) });
 * ```
 */
export const refundApply = defineSpiScenario({
  name: 'fulfilment.order.refund_apply',
  schema: refundApplyRequestSchema,
  budgetMs: 8000,
  onTimeout: 'system-error',
  identity: (request: RefundApplyRequest, rawBody: Uint8Array) =>
    `${request.order_id}:${request.after_sale_id ?? `body-${bodyFingerprint(rawBody)}`}`,
  toData(reply: RefundApplyReply) {
    const result = reply && Object.hasOwn(REFUND_APPLY_RESULTS, reply.result) ? REFUND_APPLY_RESULTS[reply.result] : undefined;
    if (result === undefined) {
      throw invalidReply('fulfilment.order.refund_apply', "{ result: 'approve' | 'reject' | 'pending' }", reply);
    }
    // error_code stays 0 for every decision: non-zero means "not handled" and is retried [S16].
    return { ...reply.data, error_code: 0, description: reply.description ?? 'success', result };
  },
});
