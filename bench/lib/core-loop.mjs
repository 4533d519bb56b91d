// The core-alone loop of bench/instructions.mjs, run under callgrind: `receiver.handle()` with
// the bytes in memory (`core`) or the hand-written receiver (`hand`), the same setup as
// bench/core.mjs (store prefilled to 100 000 ids, a new Msg-Id per push). It counts its own
// windows: after the warm-up it turns callgrind's instrumentation on around each window and
// dumps the count (`callgrind_control` on its own pid), so the parent only reads the dumps.
// `valgrind --tool=callgrind --instr-atstart=no node bench/lib/core-loop.mjs core|hand`
// env: BENCH_IR_PUSHES (per window), BENCH_IR_WARMUP, BENCH_IR_ROUNDS, DOUYIN_CORE_DIST
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createHandReceiver, prefillStore } from './hand.mjs';
import { CLIENT_KEY, makePush, msgIdOf, PATH, SECRET } from './push.mjs';

const dist = process.env.DOUYIN_CORE_DIST;
const { createDouyinWebhooks } = await import(dist ? pathToFileURL(`${dist}/index.js`).href : '@douyin-push/core');
const variant = process.argv[2] ?? 'core';
const pushes = Number(process.env.BENCH_IR_PUSHES ?? 20_000);
const warmup = Number(process.env.BENCH_IR_WARMUP ?? 60_000);
const rounds = Number(process.env.BENCH_IR_ROUNDS ?? 2);

const bodies = Array.from({ length: 1024 }, (_, i) => makePush(i, 'p'));
const webhooks = createDouyinWebhooks({ clientSecret: SECRET });
webhooks.onAny(() => undefined);
const hand = createHandReceiver({ secret: SECRET, handler: () => undefined });
if (variant === 'core') await prefillStore(webhooks.dedupe, CLIENT_KEY);
else hand.prefill(CLIENT_KEY);

let next = 0;
async function run(n) {
  for (let end = next + n; next < end; next++) {
    const p = bodies[next % bodies.length];
    const headers = { 'content-type': 'application/json', 'x-douyin-signature': p.signature, 'msg-id': msgIdOf(next, 'q') };
    if (variant === 'core') {
      const reply = await webhooks.handle({ method: 'POST', url: PATH, headers, body: p.bytes, adapter: 'node' });
      if (reply.status !== 200) throw new Error(reply.body);
    } else if ((await hand(p.bytes, headers['x-douyin-signature'], headers['msg-id'])) !== 200) throw new Error('hand');
  }
}

await run(warmup);
const callgrind = (...args) => execFileSync('callgrind_control', [...args, String(process.pid)], { stdio: 'ignore' });
// One window more than asked: the parent drops the first (see instructions.mjs).
for (let round = -1; round < rounds; round++) {
  callgrind('-z');
  callgrind('-i', 'on');
  await run(pushes);
  callgrind('-d');
  callgrind('-i', 'off');
}
