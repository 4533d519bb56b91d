/**
 * A sample `content` for events the seed documents carry no raw sample for (core's
 * `fixtures` win where they exist). Values come from the real captures and field tables in the
 * protocol notes (§6); `source` says which, so nobody mistakes an illustration for a capture.
 * Events whose content Douyin does not publish get `{}`.
 *
 * @example
 * ```ts
 * extraSamples.life_partner_order_notify.content.status; // 301
 * ```
 */
export const extraSamples: Readonly<Record<string, { content: Record<string, unknown>; source: string }>> = {
  verify_webhook: { content: { challenge: 12345 }, source: 'official docs (content sent as an object)' },
  life_product_audit: {
    content: { product_id: '1805831187321867', status: 'PASS', reason: '' },
    source: 'same fields as life_product_common_audit (SKIT model)',
  },
  life_hermes_akte_after_sale_audit: {
    content: {
      account_id: '7126518681177163816',
      order_id: '8000007678483824642',
      certificate_id: '7212557509230723106',
      refund_amount: 100,
      refund_time: 1679914989,
      apply_reason: { code: [1], reason_items: [{ code: 1, msg: '计划有变' }], additional_msg: '' },
    },
    source: 'illustration built from the official field table',
  },
  life_partner_order_notify: {
    content: {
      order_id: '7212142857733638179',
      merchant_id: '7126518681177163816',
      partner_id: '7207450161063135284',
      status: 301,
      event_time: 1679210231000,
    },
    source: 'real capture',
  },
  life_shop_order_receive_change: {
    content: { poi_id: '7123456789012345678', update_time: 1722175826, source: 2 },
    source: 'illustration built from the official field table',
  },
  life_takeout_delivery_change: {
    content: {
      order_id: '1065946966824669548',
      poi_id: '7123456789012345678',
      delivery_status: 104,
      rider_name: '张三',
      rider_phone: '13800000000',
      update_time: '1722175826',
      from_third: false,
    },
    source: 'illustration built from the official field table',
  },
  retail_life_meal_order_status_change: {
    content: { order_id: '1065946966824669548', timestamp: 1722175826000, cur_status: 40 },
    source: 'illustration built from the official field table',
  },
};
