import { z } from 'zod';
import { defineSpiScenario, idString, invalidReply, success } from './define.js';

/**
 * 发券 `fulfilment.order.tripartite_code` request body. Field names come from the scenic
 * variant's page (protocol §8.3, [S34], MED); only `order_id` is required, unknown fields
 * pass through.
 *
 * @example
 * ```ts
 * const body = issueCodeRequestSchema.parse({ order_id: '123', count: 1 });
 * ```
 */
export const issueCodeRequestSchema = z.looseObject({
  order_id: idString,
  /** Number of codes to issue. */
  count: z.number().int().optional(),
  start_time: z.number().optional(),
  expire_time: z.number().optional(),
  sku: z
    .looseObject({
      sku_name: z.string().optional(),
      sku_id: idString.optional(),
      third_sku_id: z.string().optional(),
    })
    .optional(),
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
 * `data.result` values of 发券 (protocol §8.3): 1 = issued (sync, with `certificates`),
 * 0 = still issuing (call OpenAPI `/goodlife/v1/fulfilment/create/callback/` within 10 min),
 * 2 = failed. 1 and 0 are documented for the sync reply [S14]; 2 is the callback API's
 * failure value [S18], its use in the sync reply is UNCONFIRMED.
 *
 * @example
 * ```ts
 * ISSUE_CODE_RESULTS.issuing; // 0
 * ```
 */
export const ISSUE_CODE_RESULTS = { issuing: 0, issued: 1, failed: 2 } as const;

/**
 * What a 发券 handler returns. `issuing` promises Douyin a callback within 10 minutes: only
 * return it if your system will make that call. `data` adds fields (e.g. the scenic
 * variant's `voucher`).
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
 * 发券 (issue tripartite code) scenario. Budget 8 s; Douyin retries any `error_code≠0` at 10 s,
 * 30 s, 60 s, 120 s, 120 s, 240 s [S14], so a thrown or overrunning handler is answered with the
 * system error code, the handler keeps running, and the retry gets its stored reply
 * (idempotency on by default, keyed by `order_id`).
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
