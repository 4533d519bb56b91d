import { expectTypeOf, it } from 'vitest';
import Koa from 'koa';
import { createDouyinSpi } from '@douyin-push/core/spi';
import { douyinWebhook } from '@douyin-push/koa';

it('is a koa middleware with typed handlers', () => {
  const douyin = douyinWebhook({ clientSecret: 's', path: '/douyin/webhook' });
  // Assignability the way app.use() checks it (expect-type compares function params strictly).
  const asMiddleware: Koa.Middleware = douyin;
  new Koa().use(asMiddleware).use(douyin);
  douyin.on('life_trade_order_notify', (event) => {
    expectTypeOf(event.content.order.pay_amount).toEqualTypeOf<number>();
  });
});

it('mounts an SPI receiver, which has no push handlers', () => {
  const spi = createDouyinSpi({ scenario: 'order.status_query', clientSecret: 's', handler: () => ({ orders: [] }) });
  const mw = douyinWebhook(spi, { path: '/douyin/spi/status' });
  new Koa().use(mw);
  // @ts-expect-error an SPI receiver has no `on`
  mw.on;
});
