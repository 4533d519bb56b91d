// The receiver process, in durable mode: it verifies each push, stores it on the queue and
// answers 200 only once the engine confirmed the write (503 otherwise, so Douyin retries).
// It runs no handlers: src/worker.ts does. Run: `pnpm --filter example-queue receiver`.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createDouyinWebhooks } from '@douyin-push/core';
import { douyinWebhook } from '@douyin-push/express';
import { openQueue } from './queue.js';

// DEMO DEFAULT: only for trying the example locally. Set DOUYIN_CLIENT_SECRET for anything real.
const DEMO_SECRET = 'demo_client_secret_do_not_use_in_production';
const clientSecret = process.env.DOUYIN_CLIENT_SECRET || DEMO_SECRET;
if (clientSecret === DEMO_SECRET) console.warn('DOUYIN_CLIENT_SECRET is not set: using the DEMO secret');

const queue = await openQueue();
const webhooks = createDouyinWebhooks({ clientSecret, inbox: queue });
webhooks.onError((error, context) => {
  // INBOX_UNAVAILABLE: the engine did not confirm the write; Douyin was told 503 and retries.
  console.error(`[receiver] ${error.status} ${error.code}${context.msgId ? ` msg=${context.msgId}` : ''}: ${error.message}`);
});

const app = express();
app.use(douyinWebhook(webhooks, { path: '/douyin/webhook' })); // before any JSON body parser
app.get('/health', (_req, res) => void res.json({ ok: true }));

const server = app.listen(Number(process.env.PORT ?? 3000), () => {
  const { port } = server.address() as AddressInfo;
  console.log(`listening on http://127.0.0.1:${port}/douyin/webhook (durable mode, ${queue.engine})`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () =>
    server.close(async () => {
      await queue.close();
      process.exit(0);
    }),
  );
}
