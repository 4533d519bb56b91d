import * as z from 'zod';
import { lenientId, lenientInt, openEnum } from './open-enum.js';

// Every schema is a loose object: fields Douyin adds later are kept on the event, never an error.
// Field facts, their sources and confidence: docs/protocol.md#events.

/**
 * 订单消息通知: an order was paid. HIGH (official page and real captures; docs/protocol.md#event-order-notify).
 *
 * @example
 * ```ts
 * lifeTradeOrderNotify.parse(JSON.parse(envelope.content)).order.pay_amount; // number, in fen
 * ```
 */
export const lifeTradeOrderNotify = z.looseObject({
  action: openEnum(['pay_success']),
  msg_time: lenientInt,
  order: z.looseObject({
    order_id: lenientId,
    account_id: lenientId,
    pay_amount: lenientInt,
    original_amount: lenientInt,
    create_time: lenientInt,
    pay_time: lenientInt,
  }),
});

/**
 * 券消息通知: a certificate (voucher) was redeemed, un-redeemed or refunded. HIGH
 * (docs/protocol.md#event-certificate-notify).
 *
 * @example
 * ```ts
 * const { action, certificate } = lifeTradeCertificateNotify.parse(content);
 * if (action === 'verify') await redeem(certificate.certificate_id);
 * ```
 */
export const lifeTradeCertificateNotify = z.looseObject({
  action: openEnum(['verify', 'verify_cancel', 'refund_success']),
  msg_time: lenientInt,
  certificate: z.looseObject({
    order_id: lenientId,
    certificate_id: lenientId,
    /** Only for third-party codes (三方码); Douyin codes (抖音码) omit it. */
    code: z.string().optional(),
    account_id: lenientId,
  }),
});

/**
 * 商品审核结果通知: product audit result (also the older `life_product_audit`). MED
 * (docs/protocol.md#event-product).
 *
 * @example
 * ```ts
 * lifeProductCommonAudit.parse({ product_id: '1', status: 'FAIL', reason: '图片不清晰' }).status; // 'FAIL'
 * ```
 */
export const lifeProductCommonAudit = z.looseObject({
  product_id: lenientId,
  status: openEnum(['PASS', 'FAIL']),
  reason: z.string().optional(),
});

/**
 * 商品状态变更通知: product listed, delisted, deleted or banned. MED (docs/protocol.md#event-product).
 *
 * @example
 * ```ts
 * lifeProductStatusChange.parse({ product_id: '1', status: 'GOODS_BAN' });
 * ```
 */
export const lifeProductStatusChange = z.looseObject({
  product_id: lenientId,
  status: openEnum(['GOODS_ONLINE', 'GOODS_OFFLINE', 'GOODS_DELETE', 'GOODS_BAN']),
});

/**
 * 抖音码退款申请通知: refund requested after redemption. HIGH (docs/protocol.md#event-after-sale-audit).
 * The decision is not the reply:
 * call OpenAPI `POST /goodlife/v1/akte/after_sale/order/audit/`.
 *
 * @example
 * ```ts
 * const audit = lifeHermesAkteAfterSaleAudit.parse(content);
 * await openApi.auditAfterSale({ order_id: audit.order_id, certificate_id: audit.certificate_id, audit_status: true });
 * ```
 */
export const lifeHermesAkteAfterSaleAudit = z.looseObject({
  account_id: lenientId,
  order_id: lenientId,
  certificate_id: lenientId,
  refund_amount: lenientInt,
  refund_time: lenientInt,
  apply_reason: z
    .looseObject({
      code: z.array(lenientInt).optional(),
      reason_items: z.array(z.looseObject({ code: lenientInt, msg: z.string() })).optional(),
      additional_msg: z.string().optional(),
    })
    .optional(),
});

/**
 * 商服关系状态回调: merchant–partner cooperation status. MED; `event_time` is milliseconds. An
 * ordinary webhook on the push URL (docs/protocol.md#event-partner).
 *
 * @example
 * ```ts
 * new Date(lifePartnerOrderNotify.parse(content).event_time); // event_time is in ms
 * ```
 */
export const lifePartnerOrderNotify = z.looseObject({
  order_id: lenientId,
  merchant_id: lenientId,
  partner_id: lenientId,
  /** Seen: 102 waiting for merchant, 201 finished, 301 waiting for service, 302 in service; more exist. */
  status: lenientInt,
  event_time: lenientInt,
});

/**
 * 门店接单状态变更: store order-acceptance status. HIGH. `source`: 1 来客 app, 2 SaaS/ISV
 * (docs/protocol.md#event-other).
 *
 * @example
 * ```ts
 * lifeShopOrderReceiveChange.parse({ poi_id: '66', update_time: 1722175826, source: 2 });
 * ```
 */
export const lifeShopOrderReceiveChange = z.looseObject({
  poi_id: lenientId,
  update_time: lenientInt,
  source: lenientInt,
});

/**
 * 外卖配送状态变更: delivery status (102 accepted … 200 delivered, 300 cancelled). HIGH
 * (docs/protocol.md#event-other).
 *
 * @example
 * ```ts
 * lifeTakeoutDeliveryChange.parse(content).delivery_status === 200; // delivered
 * ```
 */
export const lifeTakeoutDeliveryChange = z.looseObject({
  order_id: lenientId,
  poi_id: lenientId,
  delivery_status: lenientInt,
  rider_name: z.string().optional(),
  rider_phone: z.string().optional(),
  /** Seconds, sent as a string. */
  update_time: z.union([z.string(), z.number()]),
  from_third: z.boolean().optional(),
});

/**
 * 点单订单状态变更: online-ordering meal status; `timestamp` is milliseconds. HIGH
 * (docs/protocol.md#event-other).
 *
 * @example
 * ```ts
 * retailLifeMealOrderStatusChange.parse(content).cur_status; // 40 = accepted
 * ```
 */
export const retailLifeMealOrderStatusChange = z.looseObject({
  order_id: lenientId,
  timestamp: lenientInt,
  cur_status: lenientInt,
});

/**
 * Events whose name Douyin documents but whose content fields are not public
 * (docs/protocol.md#event-booking, #event-partner, #event-catalogue): an open record, so handlers read fields without `any` and re-query the OpenAPI.
 *
 * @example
 * ```ts
 * unknownContent.parse({ anything: 1 }); // Record<string, unknown>
 * ```
 */
export const unknownContent = z.record(z.string(), z.unknown());

/**
 * The schema of every known event's `content`, by event name. Types are inferred from these;
 * add your own with the `schemas` option and module augmentation of `DouyinEventContentMap`.
 *
 * @example
 * ```ts
 * const content = eventSchemas.life_trade_order_notify.parse(JSON.parse(envelope.content));
 * ```
 */
export const eventSchemas = {
  life_trade_order_notify: lifeTradeOrderNotify,
  life_trade_certificate_notify: lifeTradeCertificateNotify,
  life_product_common_audit: lifeProductCommonAudit,
  life_product_audit: lifeProductCommonAudit,
  life_product_status_change: lifeProductStatusChange,
  life_hermes_akte_after_sale_audit: lifeHermesAkteAfterSaleAudit,
  life_hermes_akte_booking_status_notification: unknownContent,
  life_hermes_akte_merchant_config_update: unknownContent,
  life_hermes_akte_booking_config_result: unknownContent,
  life_hermes_akte_store_config_update: unknownContent,
  life_partner_order_notify: lifePartnerOrderNotify,
  life_partner_commission_notify: unknownContent,
  life_shop_order_receive_change: lifeShopOrderReceiveChange,
  life_takeout_delivery_change: lifeTakeoutDeliveryChange,
  retail_life_meal_order_status_change: retailLifeMealOrderStatusChange,
} as const;

/**
 * Other spellings seen for an event, mapped to the documented name. One community README
 * spells the after-sale audit `axte`; Douyin's page says `akte` (docs/protocol.md#event-after-sale-audit).
 *
 * @example
 * ```ts
 * eventAliases.life_hermes_axte_after_sale_audit; // 'life_hermes_akte_after_sale_audit'
 * ```
 */
export const eventAliases: Readonly<Record<string, keyof typeof eventSchemas>> = {
  life_hermes_axte_after_sale_audit: 'life_hermes_akte_after_sale_audit',
};

// Amounts of 账单确认 (all int32, in fen); `amount_change` carries the same fields.
const billAmounts = {
  /** 售卖价: what the order sold for. */
  sale_price: lenientInt,
  /** 预计收入: the merchant's estimated income. */
  estimated_order_income: lenientInt,
  /** 活动费用: promotion cost borne by the merchant. */
  activities_fee_amount: lenientInt,
  /** 佣金: platform commission. */
  commission_amount: lenientInt,
  /** 平台配送运费. */
  platform_deliver_freight_fee: lenientInt,
  /** 商家配送运费. */
  merchant_deliver_freight_fee: lenientInt,
  /** 用户支付运费. */
  freight_pay_amount: lenientInt,
};

/**
 * 账单确认 (即送/随心团): the settlement of a finished takeout order, pushed about 1 h after the
 * order completes. Every amount is in fen (分). HIGH: the official 账单确认 webhook page
 * (docs/protocol.md#event-bill-ledger). `amount_change` holds adjustments to the same amounts;
 * the page lists it without saying when it is absent, so it is optional here.
 *
 * @example
 * ```ts
 * const bill = lifeTakeoutBillLedgerCreate.parse(content);
 * await ledger.record(bill.order.order_id, bill.order.estimated_order_income / 100); // yuan
 * ```
 */
export const lifeTakeoutBillLedgerCreate = z.looseObject({
  order: z.looseObject({ order_id: lenientId, ...billAmounts }),
  poi_id: lenientId,
  amount_change: z.looseObject(billAmounts).partial().optional(),
});

/**
 * Webhooks from Douyin's Local Life catalogue (即送/随心团 orders, 买单, estimated order income,
 * stores, pickup-voucher stores) that the first event map did not list. Only 账单确认 has
 * published fields; the others are open records, so `on('life_takeout_order_pay_success', …)`
 * autocompletes and handlers read fields without `any`, then re-query the OpenAPI for the
 * authoritative state (docs/protocol.md#event-catalogue). Pass it as `schemas` to validate
 * 账单确认 at run time until the receiver includes it by default.
 *
 * @example
 * ```ts
 * const webhooks = createDouyinWebhooks({ clientSecret, schemas: catalogEventSchemas });
 * webhooks.on('life_takeout_bill_ledger_create', (event) => event.content.order.commission_amount);
 * ```
 */
export const catalogEventSchemas = {
  // 即送 / 随心团 (delivery group-buy) orders
  life_takeout_order_pay_success: unknownContent,
  life_takeout_order_pay_close: unknownContent,
  life_takeout_order_merchant_receive: unknownContent,
  life_takeout_order_merchant_refuse: unknownContent,
  life_trade_takeout_order_finish: unknownContent,
  life_trade_takeout_order_modify: unknownContent,
  life_trade_takeout_delivery_notice: unknownContent,
  life_trade_refund_complete: unknownContent,
  life_trade_refund_audit: unknownContent,
  life_trade_part_refund_complete: unknownContent,
  life_shop_deliver_change: unknownContent,
  life_takeout_bill_ledger_create: lifeTakeoutBillLedgerCreate,
  // 买单 (pay the bill at a restaurant)
  life_pay_bill_enable_config: unknownContent,
  life_pay_bill_refund_audit: unknownContent,
  life_pay_bill_refund_complete: unknownContent,
  // 点单 estimated order income
  life_trade_estimated_order_income: unknownContent,
  // stores (claims, error reports, matching)
  life_hermes_akte_store_claim_notification: unknownContent,
  life_poi_report_notify: unknownContent,
  life_poi_match_notify: unknownContent,
  // 提货券 pickup-voucher store change
  life_retail_comp_poi_change: unknownContent,
} as const;

/**
 * Every event this library knows: {@link eventSchemas} and {@link catalogEventSchemas}. The
 * event types (`DouyinEventContentMap`) are inferred from this map.
 *
 * @example
 * ```ts
 * Object.keys(allEventSchemas).includes('life_pay_bill_refund_audit'); // true
 * ```
 */
export const allEventSchemas = { ...eventSchemas, ...catalogEventSchemas } as const;
