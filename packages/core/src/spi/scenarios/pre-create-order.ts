import * as z from 'zod';
import { defineSpiScenario, idString, invalidReply, success } from './define.js';

/**
 * 预下单 `trade.order.pre_create_order` request body (docs/protocol.md#spi-pre-create;
 * the official field list is partly visible, so only `order_id` is required and unknown fields pass through).
 *
 * @example
 * ```ts
 * const body = preCreateOrderRequestSchema.parse({ order_id: '1', sku_id: '2', count: 1 });
 * ```
 */
export const preCreateOrderRequestSchema = z.looseObject({
  order_id: idString,
  /** Douyin product (sku) id. */
  sku_id: idString.optional(),
  third_product_id: z.string().optional(),
  third_sku_id: z.string().optional(),
  /** Number of vouchers. */
  count: z.number().int().optional(),
  /** Internal to Douyin; may be ignored. */
  order_item_id: z.array(z.unknown()).optional(),
  /** 21 group-buy, 31 presale, 41 delivery. */
  order_type: z.number().int().optional(),
  /** In fen (分), tax included. */
  original_amount: z.number().int().optional(),
  currency_code: z.string().optional(),
  /** Unix seconds. */
  create_order_time: z.number().optional(),
  tourists: z.unknown().optional(),
});

/** 预下单 request body as parsed. */
export type PreCreateOrderRequest = z.output<typeof preCreateOrderRequestSchema>;

/**
 * Refusal reasons of 预下单 and their `error_code`. Only 20 ("other reason") is on the official
 * 预下单 page; 1–7 come from one community acceptance stub (docs/protocol.md#spi-pre-create). Pass a number
 * instead of a name to send any other code.
 *
 * @example
 * ```ts
 * PRE_CREATE_REFUSAL_CODES.sold_out; // 5
 * ```
 */
export const PRE_CREATE_REFUSAL_CODES = {
  product_not_found: 1,
  product_offline: 2,
  sale_not_started: 3,
  sale_ended: 4,
  sold_out: 5,
  purchase_limit: 6,
  price_mismatch: 7,
  other: 20,
} as const;

/** A named refusal reason of 预下单. */
export type PreCreateRefusal = keyof typeof PRE_CREATE_REFUSAL_CODES;

/**
 * What a 预下单 handler returns: allow the order, or refuse it with a reason. `data` adds
 * fields to the reply's `data` object.
 *
 * @example
 * ```ts
 * const reply: PreCreateOrderReply = stock > 0 ? { result: 'allow' } : { result: 'refuse', reason: 'sold_out' };
 * ```
 */
export type PreCreateOrderReply =
  | { result: 'allow'; data?: Record<string, unknown> }
  | {
      result: 'refuse';
      reason: PreCreateRefusal | number;
      /** Shown in Douyin's logs; defaults to the reason name. */
      description?: string;
      data?: Record<string, unknown>;
    };

/**
 * 预下单 (pre-create order) scenario. Budget 5 s; on a malformed or late reply Douyin allows
 * the order by default (official 预下单 page), so an overrunning handler is answered "allow" in time (4 s).
 * A thrown handler error is answered `error_code` 20 ("other reason"): the only catch-all code
 * the page documents, so the order is refused rather than allowed unchecked.
 *
 * @example
 * ```ts
 * createDouyinSpi({ scenario: preCreateOrder, clientSecret, handler: () => ({ result: 'allow' }) });
 * ```
 */
export const preCreateOrder = defineSpiScenario({
  name: 'trade.order.pre_create_order',
  schema: preCreateOrderRequestSchema,
  budgetMs: 5000,
  onTimeout: { result: 'allow' } as PreCreateOrderReply,
  systemErrorCode: PRE_CREATE_REFUSAL_CODES.other,
  toData(reply: PreCreateOrderReply) {
    if (reply?.result === 'allow') return success(reply.data);
    if (reply?.result === 'refuse') {
      const code =
        typeof reply.reason === 'number'
          ? reply.reason
          : Object.hasOwn(PRE_CREATE_REFUSAL_CODES, reply.reason)
            ? PRE_CREATE_REFUSAL_CODES[reply.reason]
            : undefined;
      if (code === undefined || !Number.isInteger(code) || code <= 0) {
        throw invalidReply('trade.order.pre_create_order', 'a reason from PRE_CREATE_REFUSAL_CODES or a positive integer', reply.reason);
      }
      return { ...reply.data, error_code: code, description: reply.description ?? String(reply.reason) };
    }
    throw invalidReply('trade.order.pre_create_order', "{ result: 'allow' } or { result: 'refuse', reason }", reply);
  },
});
