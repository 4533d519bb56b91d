import { createDouyinWebhooks, type DouyinWebhooks } from '@douyin-push/core';

function create(): DouyinWebhooks {
  // Read at run time, not at build time: `next build` loads this module to collect page data,
  // and a build machine should not need (or see) the secret. Without it the receiver still
  // builds, and answers every push 500 CONFIG_INVALID with a logged error, so Douyin retries
  // until the secret is set instead of the pushes being accepted unchecked.
  const webhooks = createDouyinWebhooks({ clientSecret: process.env.DOUYIN_CLIENT_SECRET! });

  webhooks.on('life_trade_order_notify', ({ action, content, msgId }) => {
    console.log('[douyin] order', { msgId, action, orderId: content.order.order_id, payAmount: content.order.pay_amount });
  });
  webhooks.on('life_trade_certificate_notify.verify', ({ content, msgId }) => {
    console.log('[douyin] certificate redeemed', { msgId, certificateId: content.certificate.certificate_id });
  });
  webhooks.on('life_product_status_change', ({ content, msgId }) => {
    console.log('[douyin] product status', { msgId, productId: content.product_id, status: content.status });
  });
  webhooks.onError((error, context) => console.error('[douyin]', error.status, error.code, error.message, context));
  return webhooks;
}

// Next bundles App Router and Pages Router routes separately, so a plain module-level instance
// would exist once per bundle. Keeping it on globalThis gives both routes one set of handlers
// and one dedupe store (for several instances, pass `dedupe: redisDedupe(...)`).
const store = globalThis as typeof globalThis & { douyinWebhooks?: DouyinWebhooks };
export const webhooks: DouyinWebhooks = (store.douyinWebhooks ??= create());
