// Profiles core's hot path without HTTP: `node --cpu-prof --cpu-prof-dir=bench/results/profiles
// bench/profile-core.mjs [core|hand] [pushes]`, then
// `node bench/lib/profile-summary.mjs bench/results/profiles/<file>.cpuprofile`.
// Same setup as core.mjs: default memoryDedupe prefilled to 100 000 ids, a new Msg-Id per push.
import { pathToFileURL } from 'node:url';
const dist = process.env.DOUYIN_CORE_DIST;
const { createDouyinWebhooks } = await import(dist ? pathToFileURL(`${dist}/index.js`).href : '@douyin-push/core');
import { createHandReceiver, prefillStore } from './lib/hand.mjs';
import { CLIENT_KEY, makePush, msgIdOf, PATH, SECRET } from './lib/push.mjs';

const which = process.argv[2] ?? 'core';
const N = Number(process.argv[3] ?? 300_000);
const pushes = Array.from({ length: 1024 }, (_, i) => makePush(i, 'p'));
const webhooks = createDouyinWebhooks({ clientSecret: SECRET });
webhooks.onAny(() => undefined);
const hand = createHandReceiver({ secret: SECRET, handler: () => undefined });
if (which === 'core') await prefillStore(webhooks.dedupe, CLIENT_KEY);
else hand.prefill(CLIENT_KEY);
const started = process.cpuUsage();
for (let i = 0; i < N; i++) {
  const p = pushes[i % pushes.length];
  const headers = { 'content-type': 'application/json', 'x-douyin-signature': p.signature, 'msg-id': msgIdOf(i, 'q') };
  if (which === 'core') {
    const reply = await webhooks.handle({ method: 'POST', url: PATH, headers, body: p.bytes, adapter: 'node' });
    if (reply.status !== 200) throw new Error(reply.body);
  } else if ((await hand(p.bytes, headers['x-douyin-signature'], headers['msg-id'])) !== 200) throw new Error('hand');
}
const cpu = process.cpuUsage(started);
console.log(`${which}: ${((cpu.user + cpu.system) / N).toFixed(2)} µs CPU/push over ${N}`);
