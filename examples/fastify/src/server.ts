/**
 * Minimal Fastify app receiving Douyin Local Life pushes.
 *
 *   DOUYIN_CLIENT_SECRET=... PORT=3000 pnpm start
 *   REDIS_URL=redis://127.0.0.1:6379   (optional: dedupe shared by every instance)
 */
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { createDouyinWebhooks } from '@douyin-push/core';
import { douyinPush } from '@douyin-push/fastify';
import { redisDedupe } from '@douyin-push/redis';

// DEMO DEFAULT, for trying the example locally only. Set DOUYIN_CLIENT_SECRET to your app's
// client_secret: with this value anyone can forge pushes.
const DEMO_SECRET = 'demo_client_secret_do_not_use_in_production';
const clientSecret = process.env.DOUYIN_CLIENT_SECRET || DEMO_SECRET;
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

const app = Fastify({ logger: true });
if (clientSecret === DEMO_SECRET) app.log.warn('DOUYIN_CLIENT_SECRET is not set: using the demo secret');

const redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : undefined;
app.addHook('onClose', async () => void (await redis?.quit()));

await app.register(douyinPush, {
  receiver: createDouyinWebhooks({ clientSecret, dedupe: redis ? redisDedupe({ client: redis }) : undefined }),
  path: '/douyin/webhook',
});

app.douyin.on('life_trade_order_notify', ({ action, content, msgId }) => {
  app.log.info({ msgId, action, orderId: content.order.order_id, payAmount: content.order.pay_amount }, 'order');
});
app.douyin.on('life_trade_certificate_notify.verify', ({ content, msgId }) => {
  app.log.info({ msgId, certificateId: content.certificate.certificate_id }, 'certificate redeemed');
});
app.douyin.on('life_product_status_change', ({ content, msgId }) => {
  app.log.info({ msgId, productId: content.product_id, status: content.status }, 'product status');
});
app.douyin.onAny(({ name, msgId }) => app.log.info({ msgId, event: name }, 'push'));
app.douyin.onError((error, context) => app.log.warn({ code: error.code, ...context }, error.message));

// The rest of the app keeps Fastify's own JSON parsing.
app.get('/healthz', async () => ({ ok: true }));

await app.listen({ port, host });
