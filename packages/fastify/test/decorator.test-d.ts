import Fastify from 'fastify';
import { expectTypeOf, test } from 'vitest';
import { createDouyinWebhooks, type DouyinReceiver, type DouyinWebhooks } from '@douyin-push/core';
import { douyinPush, type DouyinPushFastifyOptions } from '@douyin-push/fastify';

test('app.douyin is the typed push receiver', async () => {
  const app = Fastify();
  await app.register(douyinPush, { receiver: createDouyinWebhooks({ clientSecret: 's' }), path: '/douyin/push' });
  expectTypeOf(app.douyin).toEqualTypeOf<DouyinWebhooks>();
  app.douyin.on('life_trade_order_notify', (event) => {
    expectTypeOf(event.name).toEqualTypeOf<'life_trade_order_notify'>();
    expectTypeOf(event.content.order.order_id).toEqualTypeOf<string>();
  });
  app.douyin.on('life_trade_certificate_notify.verify', (event) => {
    expectTypeOf(event.action).toEqualTypeOf<'verify'>();
  });
});

test('options are a receiver and a path (and an optional prefix)', () => {
  expectTypeOf<{ receiver: DouyinReceiver; path: string }>().toExtend<DouyinPushFastifyOptions>();
  expectTypeOf<{ receiver: DouyinWebhooks; path: string; prefix: string }>().toExtend<DouyinPushFastifyOptions>();
  expectTypeOf<{ clientSecret: string; path: string }>().not.toExtend<DouyinPushFastifyOptions>();
  expectTypeOf<{ receiver: DouyinReceiver }>().not.toExtend<DouyinPushFastifyOptions>();
});
