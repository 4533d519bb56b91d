import { describe, expectTypeOf, it } from 'vitest';
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
