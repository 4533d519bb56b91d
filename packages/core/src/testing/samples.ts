import type { z } from 'zod';
import type { eventSchemas } from '../events/schemas.js';

/**
 * A sample `content` for every known event: from real captures where the protocol notes have
 * one, otherwise built from the documented field table. Events whose fields Douyin has not
 * published get `{}`.
 *
 * @example
 * ```ts
 * buildPush({ event: 'life_partner_order_notify', content: sampleContents.life_partner_order_notify, secret });
 * ```
 */
export const sampleContents: { [E in keyof typeof eventSchemas]: z.output<(typeof eventSchemas)[E]> } = {
  life_trade_order_notify: {
    action: 'pay_success',
    msg_time: 1722175826,
    order: {
      order_id: '1065946966824669548',
      account_id: '7376546762393143333',
      pay_amount: 100,
      original_amount: 100,
      create_time: 1722175821,
      pay_time: 1722175822,
    },
  },
  life_trade_certificate_notify: {
    action: 'verify',
    msg_time: 1679914989,
    certificate: { certificate_id: '7212557509230723106', order_id: '8000007678483824642', account_id: '7126518681177163816' },
  },
  life_product_common_audit: { product_id: '1805831187321867', status: 'PASS', reason: '' },
  life_product_audit: { product_id: '1805831187321867', status: 'FAIL', reason: '图片不清晰' },
  life_product_status_change: { product_id: '1805831187321867', status: 'GOODS_ONLINE' },
  life_hermes_akte_after_sale_audit: {
    account_id: '7126518681177163816',
    order_id: '8000007678483824642',
    certificate_id: '7212557509230723106',
    refund_amount: 100,
    refund_time: 1722175900,
    apply_reason: { code: [1], reason_items: [{ code: 1, msg: '计划有变' }], additional_msg: '' },
  },
  life_hermes_akte_booking_status_notification: {},
  life_hermes_akte_merchant_config_update: {},
  life_hermes_akte_booking_config_result: {},
  life_hermes_akte_store_config_update: {},
  life_partner_order_notify: {
    order_id: '7212142857733638179',
    merchant_id: '7126518681177163816',
    partner_id: '7207450161063135284',
    status: 301,
    event_time: 1679210231000,
  },
  life_partner_commission_notify: {},
  life_shop_order_receive_change: { poi_id: '6601136930455291907', update_time: 1722175826, source: 2 },
  life_takeout_delivery_change: {
    order_id: '1065946966824669548',
    poi_id: '6601136930455291907',
    delivery_status: 104,
    rider_name: '张三',
    rider_phone: '138****0000',
    update_time: '1722175826',
    from_third: false,
  },
  retail_life_meal_order_status_change: { order_id: '1065946966824669548', timestamp: 1722175826000, cur_status: 40 },
};
