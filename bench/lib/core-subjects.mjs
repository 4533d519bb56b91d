// The two subjects of the core-alone benchmarks, set up alike: `receiver.handle()` with the
// bytes in memory (`core`) or the hand-written receiver (`hand`), each with its dedupe store
// prefilled to 100 000 ids, 1 024 signed bodies in turn and a new Msg-Id on every push (so
// each push is a miss, an insert and an eviction). DOUYIN_CORE_DIST=<dir of a built core>
// measures another core with the same code (before/after runs).
import { pathToFileURL } from 'node:url';
import { createHandReceiver, prefillStore } from './hand.mjs';
import { CLIENT_KEY, makePush, msgIdOf, PATH, SECRET } from './push.mjs';

const dist = process.env.DOUYIN_CORE_DIST;
const { createDouyinWebhooks } = await import(dist ? pathToFileURL(`${dist}/index.js`).href : '@douyin-push/core');

/** Resolves with `run(n)`: the next `n` pushes through `variant`, one `await` each, like a server. */
export async function coreSubject(variant) {
  const bodies = Array.from({ length: 1024 }, (_, i) => makePush(i, 'p'));
  const webhooks = createDouyinWebhooks({ clientSecret: SECRET });
  webhooks.onAny(() => undefined);
  const hand = createHandReceiver({ secret: SECRET, handler: () => undefined });
  if (variant === 'core') await prefillStore(webhooks.dedupe, CLIENT_KEY);
  else hand.prefill(CLIENT_KEY);
  let next = 0;
  return async function run(n) {
    for (const end = next + n; next < end; next++) {
      const p = bodies[next % bodies.length];
      const headers = { 'content-type': 'application/json', 'x-douyin-signature': p.signature, 'msg-id': msgIdOf(next, 'q') };
      if (variant === 'core') {
        const reply = await webhooks.handle({ method: 'POST', url: PATH, headers, body: p.bytes, adapter: 'node' });
        if (reply.status !== 200) throw new Error(reply.body);
      } else if ((await hand(p.bytes, headers['x-douyin-signature'], headers['msg-id'])) !== 200) throw new Error('hand');
    }
  };
}
