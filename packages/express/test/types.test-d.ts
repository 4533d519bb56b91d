import { expectTypeOf, it } from 'vitest';
import type { RequestHandler } from 'express';
import { createDouyinWebhooks } from '@douyin-push/core';
import { createDouyinSpi } from '@douyin-push/core/spi';
import { douyinWebhook } from '@douyin-push/express';

it('is an express middleware for a push receiver', () => {
  const webhooks = createDouyinWebhooks({ clientSecret: 's' });
  expectTypeOf(douyinWebhook(webhooks, { path: '/douyin/webhook' })).toExtend<RequestHandler>();
});

it('mounts an SPI receiver the same way', () => {
  const spi = createDouyinSpi({ scenario: 'order.status_query', clientSecret: 's', handler: () => ({ orders: [] }) });
  expectTypeOf(douyinWebhook(spi, { path: '/douyin/spi/status' })).toExtend<RequestHandler>();
  // @ts-expect-error options are not a receiver: create one with createDouyinWebhooks()
  douyinWebhook({ clientSecret: 's' });
});
