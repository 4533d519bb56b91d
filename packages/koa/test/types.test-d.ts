import { it } from 'vitest';
import Koa from 'koa';
import { createDouyinWebhooks } from '@douyin-push/core';
import { createDouyinSpi } from '@douyin-push/core/spi';
import { douyinWebhook } from '@douyin-push/koa';

it('is a koa middleware for a push receiver', () => {
  const douyin = douyinWebhook(createDouyinWebhooks({ clientSecret: 's' }), { path: '/douyin/webhook' });
  // Assignability the way app.use() checks it (expect-type compares function params strictly).
  const asMiddleware: Koa.Middleware = douyin;
  new Koa().use(asMiddleware).use(douyin);
});

it('mounts an SPI receiver the same way', () => {
  const spi = createDouyinSpi({ scenario: 'order.status_query', clientSecret: 's', handler: () => ({ orders: [] }) });
  new Koa().use(douyinWebhook(spi, { path: '/douyin/spi/status' }));
  // @ts-expect-error options are not a receiver: create one with createDouyinWebhooks()
  douyinWebhook({ clientSecret: 's' });
});
