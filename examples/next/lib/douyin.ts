import { createDouyinWebhooks, type DouyinWebhooks } from '@douyin-push/core';

// DEMO DEFAULT, for trying the example locally only. Set DOUYIN_CLIENT_SECRET to your app's
// client_secret: with this value anyone can forge pushes.
const DEMO_SECRET = 'demo_client_secret_do_not_use_in_production';

function create(): DouyinWebhooks {
  const clientSecret = process.env.DOUYIN_CLIENT_SECRET || DEMO_SECRET;
  if (clientSecret === DEMO_SECRET) console.warn('[douyin] DOUYIN_CLIENT_SECRET is not set: using the demo secret');
  const webhooks = createDouyinWebhooks({ clientSecret });

  webhooks.on('life_trade_order_notify', ({ action, content, msgId }) => {
    console.log('[douyin] order', { msgId, action, orderId: content.order.order_id, payAmount: content.order.pay_amount });
  });
  webhooks.on('life_trade_certificate_notify.verify', ({ content, msgId }) => {
    console.log('[douyin] certificate redeemed', { msgId, certificateId: content.certificate.certificate_id });
  });
  webhooks.on('life_product_status_change', ({ content, msgId }) => {
    console.log('[douyin] product status', { msgId, productId: content.product_id, status: content.status });
  });
  webhooks.onError((error, context) => console.warn('[douyin]', error.code, error.message, context));
  return webhooks;
}

// Next bundles App Router and Pages Router routes separately, so a plain module-level instance
// would exist once per bundle. Keeping it on globalThis gives both routes one set of handlers
// and one dedupe store (for several instances, pass `dedupe: redisDedupe(...)`).
const store = globalThis as typeof globalThis & { douyinWebhooks?: DouyinWebhooks };
export const webhooks: DouyinWebhooks = (store.douyinWebhooks ??= create());
