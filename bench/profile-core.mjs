// Profiles core's hot path: `node --cpu-prof --cpu-prof-dir=bench/results bench/profile-core.mjs [core|hand]`,
// then `node bench/lib/profile-summary.mjs bench/results/<file>.cpuprofile`.
import { pathToFileURL } from 'node:url';
const dist = process.env.DOUYIN_CORE_DIST;
const { createDouyinWebhooks, memoryDedupe } = await import(dist ? pathToFileURL(`${dist}/index.js`).href : '@douyin-push/core');
import { createHandReceiver } from './lib/hand.mjs';
import { makePush, SECRET } from './lib/push.mjs';

const which = process.argv[2] ?? 'core';
const N = Number(process.argv[3] ?? 300_000);
const pushes = Array.from({ length: 20_000 }, (_, i) => makePush(i, 'p'));
const webhooks = createDouyinWebhooks({ clientSecret: SECRET, dedupe: memoryDedupe({ max: 1000 }) });
webhooks.onAny(() => undefined);
const hand = createHandReceiver({ secret: SECRET, max: 1000, handler: () => undefined });
const started = performance.now();
for (let i = 0; i < N; i++) {
  const p = pushes[i % pushes.length];
  if (which === 'core') {
    const reply = await webhooks.handle({
      method: 'POST',
      url: '/douyin/webhook',
      headers: { 'content-type': 'application/json', 'x-douyin-signature': p.signature, 'msg-id': p.msgId },
      body: p.bytes,
      adapter: 'node',
    });
    if (reply.status !== 200) throw new Error(reply.body);
  } else if ((await hand(p.bytes, p.signature, p.msgId)) !== 200) throw new Error('hand');
}
console.log(`${which}: ${((performance.now() - started) * 1e3 / N).toFixed(2)} µs/push over ${N}`);
