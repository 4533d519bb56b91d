// One receiver process of an app, on the built packages: a node:http server on a free port.
// ENGINE=bullmq|pg-boss: durable mode (verify, store, 200). ENGINE=direct: the handler calls the
// downstream inline, as apps do today (a failure answers 500 and Douyin retries).
// env: ENGINE, SECRET, DOWNSTREAM, and what support/engines.mjs reads.
import { createServer } from 'node:http';
import { createDouyinWebhooks } from '@douyin-push/core';
import { toNodeListener } from '@douyin-push/core/node';
import { openQueue } from './support/engines.mjs';

const env = process.env;
const direct = env.ENGINE === 'direct';
const queue = direct ? undefined : openQueue(env);
const webhooks = createDouyinWebhooks({ clientSecret: env.SECRET, ...(queue ? { inbox: queue } : {}) });
const replies = { queued: 0, duplicate: 0, unavailable: 0 };
if (direct) {
  webhooks.onAny(async (event) => {
    const res = await fetch(`${env.DOWNSTREAM}/handle`, { method: 'POST', body: JSON.stringify({ msgId: event.msgId }) });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`downstream answered ${res.status}`);
  });
}
webhooks.onError((error) => {
  if (error.code === 'INBOX_UNAVAILABLE') replies.unavailable++;
});

const receive = toNodeListener(webhooks, { path: '/douyin/webhook' });
const server = createServer((req, res) => {
  if (req.url === '/stats') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(replies));
  receive(req, res);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ ready: server.address().port })}\n`));

process.on('SIGTERM', async () => {
  server.close();
  server.closeAllConnections();
  await queue?.close();
  process.exit(0);
});
