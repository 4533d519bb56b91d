import { describe, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import {
  createDouyinWebhooks,
  isDouyinEvent,
  type DouyinActionName,
  type DouyinEvent,
  type DouyinEventContentMap,
  type DouyinEventName,
} from '@douyin-push/core';

declare module '@douyin-push/core' {
  interface DouyinEventContentMap {
    life_member_join: { account_id: string; mobile?: string };
  }
}

describe('event map types', () => {
  const webhooks = createDouyinWebhooks({ clientSecret: 's' });

  it('types content per event', () => {
    webhooks.on('life_trade_certificate_notify', (event) => {
      expectTypeOf(event.content.certificate.certificate_id).toEqualTypeOf<string>();
      expectTypeOf(event.content.certificate.code).toEqualTypeOf<string | undefined>();
      expectTypeOf(event.name).toEqualTypeOf<'life_trade_certificate_notify'>();
      expectTypeOf(event.rawBody).toEqualTypeOf<Uint8Array>();
    });
    webhooks.on('life_product_status_change', (event) => {
      expectTypeOf<'GOODS_BAN'>().toMatchTypeOf<typeof event.content.status>();
    });
  });

  it('narrows action-scoped names', () => {
    webhooks.on('life_trade_certificate_notify.verify_cancel', (event) => {
      expectTypeOf(event.action).toEqualTypeOf<'verify_cancel'>();
      expectTypeOf(event.content.action).toEqualTypeOf<'verify_cancel'>();
      expectTypeOf(event.name).toEqualTypeOf<'life_trade_certificate_notify'>();
    });
    expectTypeOf<'life_trade_order_notify.pay_success'>().toMatchTypeOf<DouyinActionName>();
    expectTypeOf<'life_product_status_change.x'>().not.toMatchTypeOf<DouyinActionName>();
  });

  it('refuses unknown names and wrong content access', () => {
    // @ts-expect-error not an event
    webhooks.on('life_not_an_event', () => {});
    webhooks.on('life_trade_order_notify', (event) => {
      // @ts-expect-error orders have no certificate
      void event.content.certificate;
    });
  });

  it('gives events with unpublished fields an open record, not any', () => {
    webhooks.on('life_partner_commission_notify', (event) => {
      expectTypeOf(event.content).toEqualTypeOf<Record<string, unknown>>();
    });
  });

  it('autocompletes the catalogue events (即送/随心团, 买单, income, stores, pickup stores)', () => {
    const names = [
      'life_takeout_order_pay_success',
      'life_takeout_order_pay_close',
      'life_takeout_order_merchant_receive',
      'life_takeout_order_merchant_refuse',
      'life_trade_takeout_order_finish',
      'life_trade_takeout_order_modify',
      'life_trade_takeout_delivery_notice',
      'life_trade_refund_complete',
      'life_trade_refund_audit',
      'life_trade_part_refund_complete',
      'life_shop_deliver_change',
      'life_takeout_bill_ledger_create',
      'life_pay_bill_enable_config',
      'life_pay_bill_refund_audit',
      'life_pay_bill_refund_complete',
      'life_trade_estimated_order_income',
      'life_hermes_akte_store_claim_notification',
      'life_poi_report_notify',
      'life_poi_match_notify',
      'life_retail_comp_poi_change',
    ] as const;
    expectTypeOf<(typeof names)[number]>().toMatchTypeOf<DouyinEventName>();
    webhooks.on('life_pay_bill_refund_audit', (event) => {
      expectTypeOf(event.content).toEqualTypeOf<Record<string, unknown>>();
      expectTypeOf(event.name).toEqualTypeOf<'life_pay_bill_refund_audit'>();
    });
    webhooks.on(['life_trade_refund_complete', 'life_retail_comp_poi_change'], (event) => {
      expectTypeOf(event.content).toEqualTypeOf<Record<string, unknown>>();
    });
  });

  it('types life_takeout_bill_ledger_create from its schema (amounts in fen)', () => {
    webhooks.on('life_takeout_bill_ledger_create', (event) => {
      expectTypeOf(event.content.order.order_id).toEqualTypeOf<string>();
      expectTypeOf(event.content.order.estimated_order_income).toEqualTypeOf<number>();
      expectTypeOf(event.content.order.freight_pay_amount).toEqualTypeOf<number>();
      expectTypeOf(event.content.poi_id).toEqualTypeOf<string>();
      expectTypeOf(event.content.amount_change).toEqualTypeOf<
        | {
            sale_price?: number;
            estimated_order_income?: number;
            activities_fee_amount?: number;
            commission_amount?: number;
            platform_deliver_freight_fee?: number;
            merchant_deliver_freight_fee?: number;
            freight_pay_amount?: number;
          }
        | undefined
      >();
      // @ts-expect-error not a field of the bill
      void event.content.order.pay_amount;
    });
  });

  it('is extended by module augmentation', () => {
    expectTypeOf<'life_member_join'>().toMatchTypeOf<DouyinEventName>();
    expectTypeOf<DouyinEventContentMap['life_member_join']['account_id']>().toEqualTypeOf<string>();
    webhooks.on('life_member_join', (event: DouyinEvent<'life_member_join'>) => {
      expectTypeOf(event.content.mobile).toEqualTypeOf<string | undefined>();
    });
  });

  it('types onAny content as unknown until isDouyinEvent narrows it', () => {
    webhooks.onAny((event) => {
      expectTypeOf(event.content).toEqualTypeOf<unknown>();
      if (isDouyinEvent(event, 'life_trade_order_notify')) {
        expectTypeOf(event.content.order.order_id).toEqualTypeOf<string>();
      }
    });
  });
});

describe('events added through `schemas`', () => {
  it('types their content from the schemas passed, beside the built-in events', () => {
    const webhooks = createDouyinWebhooks({
      clientSecret: 's',
      schemas: { life_member_points_change: z.looseObject({ account_id: z.string(), level: z.number().optional() }) },
    });
    webhooks.on('life_member_points_change', (event) => {
      expectTypeOf(event.name).toEqualTypeOf<'life_member_points_change'>();
      expectTypeOf(event.content.account_id).toEqualTypeOf<string>();
      expectTypeOf(event.content.level).toEqualTypeOf<number | undefined>();
    });
    webhooks.on('life_trade_order_notify', (event) => {
      expectTypeOf(event.content.order.order_id).toEqualTypeOf<string>();
    });
    // @ts-expect-error a name neither built in nor added
    webhooks.on('life_member_points_chnage', () => undefined);
  });
});
