import { spiScenarios } from '@douyin-push/core/spi';

/**
 * One SPI scenario the `spi` command can call, with the sample body it sends when `--body` is
 * not given.
 *
 * @example
 * ```ts
 * const { scenario, body } = spiCatalog()[0];
 * ```
 */
export interface SpiCatalogEntry {
  scenario: string;
  description: string;
  /** Douyin's time budget for an answer, when documented (ms). */
  budgetMs: number | undefined;
  body: Record<string, unknown>;
}

// Illustrations built from the protocol notes (§8.2-§8.7); only the member-info one is the
// official example. Ids reuse the push samples' so a demo reads as one story.
const samples: Readonly<Record<string, { description: string; body: Record<string, unknown> }>> = {
  'trade.order.pre_create_order': {
    description: '三方码 预下单 pre-create order: allow or refuse the purchase',
    body: {
      order_id: '1065946966824669548',
      sku_id: '1805831187321867',
      third_sku_id: 'SKU-1',
      count: 1,
      order_type: 21,
      original_amount: 100,
      currency_code: 'CNY',
      create_order_time: 1722175821,
    },
  },
  'fulfilment.order.tripartite_code': {
    description: '三方码 发券 issue codes for a paid order',
    body: {
      order_id: '1065946966824669548',
      count: 1,
      start_time: 1722175822,
      expire_time: 1753711822,
      sku: { sku_name: '双人套餐', sku_id: '1805831187321867', third_sku_id: 'SKU-1' },
      amount: { original_amount: 100, pay_amount: 100 },
    },
  },
  'fulfilment.order.refund_apply': {
    description: '三方码 退款申请 refund request: approve, reject or pending',
    body: { order_id: '1065946966824669548', after_sale_id: '7400000000000000001' },
  },
  'fulfilment.order.refund_notice': {
    description: '退款信息同步 a refund was decided elsewhere',
    body: {
      order_id: '1065946966824669548',
      after_sale_id: '7400000000000000001',
      after_sale_type: 3,
      notice_list: [
        { certificate_id: '7212557509230723106', code: 'CODE-1', apply_time: 1722175900, audit_time: 1722175960, audit_result: 1 },
      ],
    },
  },
  'order.status_query': {
    description: '订单状态查询 order status query (name chosen by this library)',
    body: { scene: 'fulfil', order_ids: ['1065946966824669548'] },
  },
  'merchant.member.info.update': {
    description: '会员信息变更 member re-bound a phone number (official example)',
    body: {
      open_id: 'f6e35c98-1e53-4943-ad6d-f476f869deab',
      account_id: '17371731',
      update_time: '1709705974',
      info: { mobile: { old_mobile: '2yxFypQ39OrifivISATEqA==', new_mobile: '2yxFypQ39OrifivISAadfj==' } },
    },
  },
};

/**
 * Every SPI scenario core ships, with a sample body each.
 *
 * @example
 * ```ts
 * for (const { scenario } of spiCatalog()) console.log(scenario);
 * ```
 */
export function spiCatalog(): SpiCatalogEntry[] {
  return Object.values(spiScenarios as Record<string, { name: string; budgetMs: number | undefined }>).map((scenario) => ({
    scenario: scenario.name,
    description: samples[scenario.name]?.description ?? '',
    budgetMs: scenario.budgetMs,
    body: samples[scenario.name]?.body ?? {},
  }));
}
