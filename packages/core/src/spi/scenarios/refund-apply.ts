import * as z from 'zod';
import { bodyFingerprint, defineSpiScenario, idString, invalidReply } from './define.js';

/**
 * 退款申请 `fulfilment.order.refund_apply` request body. Douyin's official 退款申请 page says it
 * asks to refund one or more certificates (vouchers) of one order, but its field table is not
 * public (docs/protocol.md#spi-refund-apply): only `order_id` is required, `after_sale_id` is
 * typed if present, and everything else (the certificates among it) passes through.
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
 * The one table mapping 退款申请 decisions to `data.result`. The numbers are not printed on the
 * official page (docs/protocol.md#spi-refund-apply): approve 1 / reject 2 match the 审核回调
 * (audit callback) OpenAPI and a community stub; pending 0 is a guess. Douyin counts anything it
 * cannot read as pending.
 *
 * @example
 * ```ts
 * REFUND_APPLY_RESULTS.approve; // 1
 * ```
 */
export const REFUND_APPLY_RESULTS = { pending: 0, approve: 1, reject: 2 } as const;

/**
 * What a 退款申请 handler returns: one decision for the whole request. For a partial
 * decision answer `pending` and call the 审核回调 OpenAPI later. To reject a certificate whose
 * `code` was empty in the request (you issued it already), return its code in `data` (the
 * field name is not published).
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

// The field that lists the certificates is not published, so every `certificate_id` in the body
// counts, wherever it sits (a list, a nested `certificate` object). Bounded: bodies are small.
function certificateIds(value: unknown, found: Set<string>, depth = 0): Set<string> {
  if (depth > 6 || typeof value !== 'object' || value === null) return found;
  if (Array.isArray(value)) {
    for (const item of value) certificateIds(item, found, depth + 1);
    return found;
  }
  for (const [field, inner] of Object.entries(value)) {
    if (field === 'certificate_id' && (typeof inner === 'string' || typeof inner === 'number')) found.add(String(inner));
    else certificateIds(inner, found, depth + 1);
  }
  return found;
}

/**
 * Replay identity of a 退款申请: the order, its sorted certificate ids and the after-sale id.
 * Douyin requires idempotency per certificate ("repeated requests for the same code must return
 * the same result"), so a request for another set of certificates under the same after-sale id
 * runs the handler instead of replaying a decision about other vouchers. With neither
 * certificate ids nor an after-sale id, a hash of the raw body stands in.
 *
 * @example
 * ```ts
 * refundApplyIdentity({ order_id: 'o1', after_sale_id: 'a1', certificates: [{ certificate_id: 'c2' }, { certificate_id: 'c1' }] }, body);
 * // '["o1","a1",["c1","c2"]]'
 * ```
 */
export function refundApplyIdentity(request: RefundApplyRequest, rawBody: Uint8Array): string {
  const certificates = [...certificateIds(request, new Set())].sort();
  const afterSale = request.after_sale_id ?? (certificates.length === 0 ? `body-${bodyFingerprint(rawBody)}` : null);
  // JSON keeps the parts apart: no id can contain a separator that makes two requests collide.
  return JSON.stringify([request.order_id, afterSale, certificates]);
}

/**
 * 退款申请 (refund apply) scenario. Budget 8 s (a slower reply counts as none). On error or no
 * answer Douyin retries every hour, so a thrown or overrunning handler gets the system error
 * code and the retry gets the stored decision (replay on by default, per certificate: see
 * {@link refundApplyIdentity}). Plan for 100–400 requests per second: expired vouchers are
 * refunded in bulk.
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
  identity: refundApplyIdentity,
  toData(reply: RefundApplyReply) {
    const result = reply && Object.hasOwn(REFUND_APPLY_RESULTS, reply.result) ? REFUND_APPLY_RESULTS[reply.result] : undefined;
    if (result === undefined) {
      throw invalidReply('fulfilment.order.refund_apply', "{ result: 'approve' | 'reject' | 'pending' }", reply);
    }
    // error_code stays 0 for every decision: non-zero means "not handled" and is retried hourly.
    return { ...reply.data, error_code: 0, description: reply.description ?? 'success', result };
  },
});
