import * as z from 'zod';
import { defineSpiScenario, idString, invalidReply, success } from './define.js';

/**
 * 券类型 `sku.groupon_type` of 发券, from Douyin's official 发券 page: 1 团餐券 (group meal
 * voucher), 2 代金券 (cash voucher), 3 次卡 (multi-use card).
 *
 * @example
 * ```ts
 * if (body.sku?.groupon_type === GROUPON_TYPES.cash_voucher) issueCashVoucher(body);
 * ```
 */
export const GROUPON_TYPES = { group_meal: 1, cash_voucher: 2, multi_use_card: 3 } as const;

// A later type number is still a number: delivered, never a schema failure.
const grouponType = z.number().int() as unknown as z.ZodType<1 | 2 | 3 | (number & {}), number>;

/**
 * 发券 `fulfilment.order.tripartite_code` request body, from Douyin's official 发券 page and its
 * scenic variant (docs/protocol.md#spi-issue-code). Only `order_id` is required; unknown fields
 * pass through.
 *
 * @example
 * ```ts
 * const body = issueCodeRequestSchema.parse({ order_id: '123', count: 1, open_id: 'u', sku: { sku_id: '1', groupon_type: 2 } });
 * ```
 */
export const issueCodeRequestSchema = z.looseObject({
  order_id: idString,
  /** Number of codes to issue (购买份数). */
  count: z.number().int().optional(),
  /** The buyer's encrypted user id. */
  open_id: z.string().optional(),
  /** Validity start, unix seconds. */
  start_time: z.number().optional(),
  /** Validity end, unix seconds. */
  expire_time: z.number().optional(),
  sku: z
    .looseObject({
      sku_name: z.string().optional(),
      sku_id: idString.optional(),
      third_sku_id: z.string().optional(),
      /** 1 团餐券, 2 代金券, 3 次卡 ({@link GROUPON_TYPES}). */
      groupon_type: grouponType.optional(),
    })
    .optional(),
  /** In fen (分). */
  amount: z
    .looseObject({
      original_amount: z.number().optional(),
      pay_amount: z.number().optional(),
      ticket_amount: z.number().optional(),
      merchant_ticket_amount: z.number().optional(),
    })
    .optional(),
});

/** 发券 request body as parsed. */
export type IssueCodeRequest = z.output<typeof issueCodeRequestSchema>;

/** One issued code in the sync reply: Douyin's certificate id and your code. */
export interface IssuedCertificate {
  certificate_id: string;
  code: string;
  [field: string]: unknown;
}

/**
 * `data.result` values of 发券 (docs/protocol.md#spi-issue-code): 1 = issued (sync, with
 * `certificates`), 0 = still issuing (call OpenAPI `/goodlife/v1/fulfilment/create/callback/`
 * within 10 min), 2 = failed. 1 and 0 are printed for the sync reply on the official 发券 page;
 * 2 is the failure value of the 发券回调 (issue callback) OpenAPI, not printed for the sync reply.
 *
 * @example
 * ```ts
 * ISSUE_CODE_RESULTS.issuing; // 0
 * ```
 */
export const ISSUE_CODE_RESULTS = { issuing: 0, issued: 1, failed: 2 } as const;

/**
 * What a 发券 handler returns. `data` adds fields (e.g. the scenic variant's `voucher`).
 * - `issuing` promises Douyin the 发券回调 call within 10 minutes: only return it if your system
 *   makes that call. Without it, Douyin fails the issue at minute 10 and starts a refund that
 *   goes through your refund review (the 退款申请 SPI): reject that refund, returning the code,
 *   to re-issue.
 * - `failed` ends it: Douyin refunds the buyer without your review, and no code can be
 *   re-issued for this order.
 *
 * @example
 * ```ts
 * const reply: IssueCodeReply = { result: 'issued', certificates: [{ certificate_id: 'a111', code: 'A-1' }] };
 * ```
 */
export type IssueCodeReply =
  | { result: 'issued'; certificates: IssuedCertificate[]; data?: Record<string, unknown> }
  | { result: 'issuing'; data?: Record<string, unknown> }
  | { result: 'failed'; description?: string; data?: Record<string, unknown> };

/**
 * 发券 (issue tripartite code) scenario. Budget 8 s; Douyin ignores `data` when `error_code` is
 * not 0 and retries 10 s, 30 s, 60 s, 120 s, 120 s and 240 s later (at most 6 times), so a
 * thrown or overrunning handler is answered with the system error code, the handler keeps
 * running, and the retry gets its stored reply (replay on by default, keyed by `order_id`).
 *
 * @example
 * ```ts
 * createDouyinSpi({ scenario: issueCode, clientSecret, handler: async (o) => ({ result: 'issued', certificates: await issue(o) }) });
 * ```
 */
export const issueCode = defineSpiScenario({
  name: 'fulfilment.order.tripartite_code',
  schema: issueCodeRequestSchema,
  budgetMs: 8000,
  onTimeout: 'system-error',
  identity: (request: IssueCodeRequest) => request.order_id,
  toData(reply: IssueCodeReply) {
    switch (reply?.result) {
      case 'issued':
        if (!Array.isArray(reply.certificates)) {
          throw invalidReply('fulfilment.order.tripartite_code', "{ result: 'issued', certificates: [{ certificate_id, code }] }", reply);
        }
        return success({ ...reply.data, result: ISSUE_CODE_RESULTS.issued, certificates: reply.certificates });
      case 'issuing':
        return success({ ...reply.data, result: ISSUE_CODE_RESULTS.issuing });
      case 'failed':
        return { ...reply.data, error_code: 0, description: reply.description ?? 'failed', result: ISSUE_CODE_RESULTS.failed };
      default:
        throw invalidReply('fulfilment.order.tripartite_code', "{ result: 'issued' | 'issuing' | 'failed' }", reply);
    }
  },
});
