/**
 * `@douyin-push/core/spi`: receivers for Douyin Local Life SPI callbacks (三方码 预下单 / 发券 /
 * 退款申请 / 退款信息同步 / 订单状态查询, 会员信息变更), signed with `x-life-sign` and answered in
 * Douyin's `{"data":{"error_code":0,...}}` envelope. Each receiver is a `DouyinReceiver`, so
 * every adapter mounts it the way it mounts the push receiver.
 *
 * @example
 * ```ts
 * import { createDouyinSpi } from '@douyin-push/core/spi';
 *
 * const preCreate = createDouyinSpi({
 *   scenario: 'trade.order.pre_create_order',
 *   clientSecret: process.env.DOUYIN_CLIENT_SECRET!,
 *   handler: async (order) => ((await stock(order.sku_id)) > 0 ? { result: 'allow' } : { result: 'refuse', reason: 'sold_out' }),
 * });
 * export const POST = (request: Request) => preCreate.handleRequest(request);
 * ```
 *
 * @packageDocumentation
 */
export { createDouyinSpi, type DouyinSpi } from './create-spi.js';
export type {
  DouyinSpiOptions,
  DynamicSpiOptions,
  NamedSpiOptions,
  SpiContext,
  SpiHandler,
  SpiIdempotencyOptions,
  SpiScenarioInput,
} from './options.js';
export { SPI_INVALID_PARAMS_CODE, SPI_SYSTEM_ERROR_CODE, isSpiRawReply, spiRawReply, type SpiData, type SpiRawReply } from './reply.js';
export { memorySpiReplies, type MemorySpiRepliesOptions, type SpiReplyStore } from './reply-store.js';
export { defineSpiScenario, type AnySpiScenario, type SpiReplyOf, type SpiRequestOf, type SpiScenario } from './scenarios/define.js';
export { spiScenarios, type SpiScenarioName } from './scenarios/index.js';
export {
  PRE_CREATE_REFUSAL_CODES,
  preCreateOrder,
  preCreateOrderRequestSchema,
  type PreCreateOrderReply,
  type PreCreateOrderRequest,
  type PreCreateRefusal,
} from './scenarios/pre-create-order.js';
export {
  GROUPON_TYPES,
  ISSUE_CODE_RESULTS,
  issueCode,
  issueCodeRequestSchema,
  type IssueCodeReply,
  type IssueCodeRequest,
  type IssuedCertificate,
} from './scenarios/issue-code.js';
export {
  REFUND_APPLY_RESULTS,
  refundApplyIdentity,
  refundApply,
  refundApplyRequestSchema,
  type RefundApplyReply,
  type RefundApplyRequest,
} from './scenarios/refund-apply.js';
export { refundNotice, refundNoticeRequestSchema, type RefundNoticeReply, type RefundNoticeRequest } from './scenarios/refund-notice.js';
export {
  orderStatusQuery,
  orderStatusQueryRequestSchema,
  type OrderStatusEntry,
  type OrderStatusQueryReply,
  type OrderStatusQueryRequest,
} from './scenarios/order-status-query.js';
export {
  MEMBER_ERROR_CODES,
  memberInfoUpdate,
  memberInfoUpdateRequestSchema,
  type MemberInfoUpdateReply,
  type MemberInfoUpdateRequest,
} from './scenarios/member-info-update.js';
export { signSpi, spiStringToSign, verifySpiSignature, type SpiQueryInput } from './sign.js';
export { buildSpiRequest, type BuildSpiRequestInput } from './testing.js';
