// A minimal koa app receiving Douyin Local Life pushes. Run: `pnpm --filter example-koa start`
// (after `pnpm build`), then point Douyin's webhook URL (or `douyin-push send`) at the printed URL.
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { createDouyinWebhooks } from '@douyin-push/core';
import { douyinWebhook } from '@douyin-push/koa';

// DEMO DEFAULT: only for trying the example locally. Set DOUYIN_CLIENT_SECRET to your app's
// client_secret (开发配置 → AppSecret) for anything real.
const DEMO_SECRET = 'demo_client_secret_do_not_use_in_production';
const clientSecret = process.env.DOUYIN_CLIENT_SECRET || DEMO_SECRET;
if (clientSecret === DEMO_SECRET) console.warn('DOUYIN_CLIENT_SECRET is not set: using the DEMO secret');
const port = Number(process.env.PORT ?? 3000);

const douyin = createDouyinWebhooks({ clientSecret });

// Typed handlers: `content` is parsed and checked for each event (and action).
douyin.on('life_trade_order_notify.pay_success', (event) => {
  console.log(
    `[douyin] order paid: order_id=${event.content.order.order_id} pay_amount=${event.content.order.pay_amount} msg=${event.msgId}`,
  );
});
douyin.on('life_trade_certificate_notify', (event) => {
  const { certificate } = event.content;
  console.log(`[douyin] certificate ${event.action}: certificate_id=${certificate.certificate_id} msg=${event.msgId}`);
});
douyin.onAny((event) => {
  if (event.name === 'life_trade_order_notify' || event.name === 'life_trade_certificate_notify') return;
  console.log(
    `[douyin] ${event.name}${event.action ? `.${event.action}` : ''} msg=${event.msgId} content=${JSON.stringify(event.content)}`,
  );
});
douyin.onError((error, context) => {
  console.error(`[douyin] ${error.status} ${error.code}${context.event ? ` (${context.event})` : ''}: ${error.message}`);
});

const app = new Koa();
app.use(douyinWebhook(douyin, { path: '/douyin/webhook' }));
app.use((ctx) => {
  if (ctx.path === '/health') ctx.body = { ok: true };
});

const server = app.listen(port, () => {
  const { port: actual } = server.address() as AddressInfo;
  console.log(`listening on http://127.0.0.1:${actual}/douyin/webhook`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
