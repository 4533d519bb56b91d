import { issueCode } from './issue-code.js';
import { memberInfoUpdate } from './member-info-update.js';
import { orderStatusQuery } from './order-status-query.js';
import { preCreateOrder } from './pre-create-order.js';
import { refundApply } from './refund-apply.js';
import { refundNotice } from './refund-notice.js';

/**
 * The scenarios this library ships, by their Douyin action name (`order.status_query` is this
 * library's name: Douyin lists none). Pass a name or the scenario object to `createDouyinSpi`.
 *
 * @example
 * ```ts
 * spiScenarios['fulfilment.order.tripartite_code'].budgetMs; // 8000
 * ```
 */
export const spiScenarios = {
  [preCreateOrder.name]: preCreateOrder,
  [issueCode.name]: issueCode,
  [refundApply.name]: refundApply,
  [refundNotice.name]: refundNotice,
  [orderStatusQuery.name]: orderStatusQuery,
  [memberInfoUpdate.name]: memberInfoUpdate,
} as const;

/** Name of a shipped scenario. */
export type SpiScenarioName = keyof typeof spiScenarios;

export { issueCode, memberInfoUpdate, orderStatusQuery, preCreateOrder, refundApply, refundNotice };
