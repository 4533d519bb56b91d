import * as z from 'zod';
import { defineSpiScenario, idString, invalidReply, success } from './define.js';

/**
 * 订单状态查询 request body, from Douyin's official 订单状态查询 page
 * (docs/protocol.md#spi-order-status): `scene` (e.g. `"fulfil"`) and up to
 * 100 `order_ids`. The page lists no action name: this library calls it `order.status_query`.
 *
 * @example
 * ```ts
 * const body = orderStatusQueryRequestSchema.parse({ scene: 'fulfil', order_ids: ['1', '2'] });
 * ```
 */
export const orderStatusQueryRequestSchema = z.looseObject({
  scene: z.string().optional(),
  order_ids: z.array(idString),
});

/** 订单状态查询 request body as parsed. */
export type OrderStatusQueryRequest = z.output<typeof orderStatusQueryRequestSchema>;

/**
 * One order's status in the reply (fields from the official page; the `order_status` values
 * are not published, so it is a plain number).
 */
export interface OrderStatusEntry {
  order_id: string;
  out_order_id?: string;
  order_status: number;
  codes?: unknown[];
  total_quantity?: number;
  used_quantity?: number;
  refund_quantity?: number;
  vouchers?: unknown[];
  order_items?: unknown[];
  [field: string]: unknown;
}

/**
 * What a 订单状态查询 handler returns: the orders it knows (an array, or a map keyed by
 * order id). Sent as `data.result`, a map from order id to entry.
 *
 * @example
 * ```ts
 * const reply: OrderStatusQueryReply = { orders: [{ order_id: '1', order_status: 1 }] };
 * ```
 */
export type OrderStatusQueryReply = {
  orders: OrderStatusEntry[] | Record<string, OrderStatusEntry>;
  data?: Record<string, unknown>;
};

/**
 * 订单状态查询 (order status query) scenario. Budget not documented: 4.5 s limit by default; a
 * thrown or overrunning handler gets the system error code.
 *
 * @example
 * ```ts
 * createDouyinSpi({ scenario: orderStatusQuery, clientSecret, handler: async (q) => ({ orders: await find(q.order_ids) }) });
 * ```
 */
export const orderStatusQuery = defineSpiScenario({
  name: 'order.status_query',
  schema: orderStatusQueryRequestSchema,
  budgetMs: undefined,
  onTimeout: 'system-error',
  toData(reply: OrderStatusQueryReply) {
    const orders = reply?.orders;
    if (typeof orders !== 'object' || orders === null) {
      throw invalidReply('order.status_query', '{ orders: [{ order_id, order_status, ... }] }', reply);
    }
    const result = Array.isArray(orders) ? Object.fromEntries(orders.map((entry) => [entry.order_id, entry])) : orders;
    return success({ ...reply.data, result });
  },
});
