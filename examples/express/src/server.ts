// A minimal express app receiving Douyin Local Life pushes. Run: `pnpm --filter example-express start`
// (after `pnpm build`), then point Douyin's webhook URL (or `douyin-push send`) at the printed URL.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createDouyinWebhooks, type DedupeStore } from '@douyin-push/core';
import { createDouyinSpi } from '@douyin-push/core/spi';
import { douyinWebhook } from '@douyin-push/express';

// DEMO DEFAULT: only for trying the example locally. Set DOUYIN_CLIENT_SECRET to your app's
// client_secret (开发配置 → AppSecret) for anything real.
const DEMO_SECRET = 'demo_client_secret_do_not_use_in_production';
const clientSecret = process.env.DOUYIN_CLIENT_SECRET || DEMO_SECRET;
if (clientSecret === DEMO_SECRET) console.warn('DOUYIN_CLIENT_SECRET is not set: using the DEMO secret');
const port = Number(process.env.PORT ?? 3000);

// Optional: share handled message ids between instances through Redis (REDIS_URL=redis://...).
async function redisStore(): Promise<DedupeStore | undefined> {
  if (!process.env.REDIS_URL) return undefined;
  const [{ Redis }, { redisDedupe }] = await Promise.all([import('ioredis'), import('@douyin-push/redis')]);
  return redisDedupe({ client: new Redis(process.env.REDIS_URL) });
}

const douyin = createDouyinWebhooks({ clientSecret, dedupe: await redisStore() });

// Typed handlers: `content` is parsed and checked for each event.
douyin.on('life_trade_order_notify', (event) => {
  const { order } = event.content;
  console.log(`[douyin] order paid: order_id=${order.order_id} pay_amount=${order.pay_amount} msg=${event.msgId}`);
});
douyin.on('life_trade_certificate_notify', (event) => {
  const { certificate } = event.content;
  console.log(
    `[douyin] certificate ${event.action}: certificate_id=${certificate.certificate_id} order_id=${certificate.order_id} msg=${event.msgId}`,
  );
});
// Everything else, one line each.
douyin.onAny((event) => {
  if (event.name === 'life_trade_order_notify' || event.name === 'life_trade_certificate_notify') return;
  console.log(
    `[douyin] ${event.name}${event.action ? `.${event.action}` : ''} msg=${event.msgId} content=${JSON.stringify(event.content)}`,
  );
});
douyin.onError((error, context) => {
  console.error(`[douyin] ${error.status} ${error.code}${context.event ? ` (${context.event})` : ''}: ${error.message}`);
});

const app = express();
app.use(douyinWebhook(douyin, { path: '/douyin/webhook' })); // before any JSON body parser: Douyin signs the exact bytes
// An SPI callback: 发券 (issue codes). Douyin calls one URL per SPI scenario and reads the reply.
const issueCodes = createDouyinSpi({
  scenario: 'fulfilment.order.tripartite_code',
  clientSecret,
  handler: async (order) => ({
    result: 'issued',
    certificates: Array.from({ length: order.count ?? 1 }, (_, i) => ({
      certificate_id: `${order.order_id}-${i + 1}`,
      code: `DEMO${order.order_id}${i + 1}`,
    })),
  }),
});
app.use(douyinWebhook(issueCodes, { path: '/douyin/spi/issue' }));
app.use(express.json());
app.get('/health', (_req, res) => {
  res.json({ ok: true });
});

const server = app.listen(port, () => {
  const { port: actual } = server.address() as AddressInfo;
  console.log(`listening on http://127.0.0.1:${actual}/douyin/webhook`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
