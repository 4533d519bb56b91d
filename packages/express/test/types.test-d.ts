import { expectTypeOf, it } from 'vitest';
import type { RequestHandler } from 'express';
import { createDouyinSpi } from '@douyin-push/core/spi';
import { douyinWebhook } from '@douyin-push/express';

it('is an express middleware with typed handlers', () => {
  const douyin = douyinWebhook({ clientSecret: 's', path: '/douyin/webhook' });
  expectTypeOf(douyin).toExtend<RequestHandler>();
  douyin.on('life_trade_certificate_notify.verify', (event) => {
    expectTypeOf(event.content.certificate.certificate_id).toEqualTypeOf<string>();
  });
});

it('mounts an SPI receiver, which has no push handlers', () => {
  const spi = createDouyinSpi({ scenario: 'order.status_query', clientSecret: 's', handler: () => ({ orders: [] }) });
  const mw = douyinWebhook(spi, { path: '/douyin/spi/status' });
  expectTypeOf(mw).toExtend<RequestHandler>();
  expectTypeOf(mw.receiver).toEqualTypeOf(spi);
  // @ts-expect-error an SPI receiver has no `on`
  mw.on;
});
