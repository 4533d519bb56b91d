// The subjects of the core-alone benchmarks (bench/core.mjs, bench/profile-core.mjs and, under
// callgrind, bench/lib/core-loop.mjs), set up alike: `receiver.handle()` with the bytes in memory
// (`core`, and `core-nodedupe` with `dedupe: false`) or the hand-written receiver (`hand`), each
// store prefilled to 100 000 ids, 1 024 signed bodies in turn and a new Msg-Id on every push (so
// each push is a miss, an insert and an eviction). DOUYIN_CORE_DIST=<dir of a built core>
// measures another core with the same code (before/after runs).
import { pathToFileURL } from 'node:url';
import { createHandReceiver, prefillStore } from './hand.mjs';
import { CLIENT_KEY, makePush, msgIdOf, PATH, SECRET } from './push.mjs';

const dist = process.env.DOUYIN_CORE_DIST;
const { createDouyinWebhooks } = await import(dist ? pathToFileURL(`${dist}/index.js`).href : '@douyin-push/core');

export const SUBJECTS = ['core', 'hand', 'core-nodedupe'];

/** Resolves with `run(n)`: the next `n` pushes through `variant`, one `await` each, like a server. */
export async function coreSubject(variant) {
  if (!SUBJECTS.includes(variant)) throw new Error(`unknown core subject ${variant} (one of ${SUBJECTS.join(', ')})`);
  const bodies = Array.from({ length: 1024 }, (_, i) => makePush(i, 'p'));
  // Each subject its own Msg-Ids: three subjects in one process must not see each other's pushes.
  const prefix = { core: 'q', hand: 'r', 'core-nodedupe': 's' }[variant];
  let next = 0;
  const headersOf = (p) => ({ 'content-type': 'application/json', 'x-douyin-signature': p.signature, 'msg-id': msgIdOf(next, prefix) });
  if (variant === 'hand') {
    const hand = createHandReceiver({ secret: SECRET, handler: () => undefined });
    hand.prefill(CLIENT_KEY);
    return async function run(n) {
      for (const end = next + n; next < end; next++) {
        // The same headers object as the core subjects get, read the way a server reads them.
        const headers = headersOf(bodies[next % bodies.length]);
        if ((await hand(bodies[next % bodies.length].bytes, headers['x-douyin-signature'], headers['msg-id'])) !== 200)
          throw new Error('hand');
      }
    };
  }
  const webhooks = createDouyinWebhooks({ clientSecret: SECRET, ...(variant === 'core-nodedupe' ? { dedupe: false } : {}) });
  webhooks.onAny(() => undefined);
  if (webhooks.dedupe) await prefillStore(webhooks.dedupe, CLIENT_KEY);
  return async function run(n) {
    for (const end = next + n; next < end; next++) {
      const p = bodies[next % bodies.length];
      const reply = await webhooks.handle({ method: 'POST', url: PATH, headers: headersOf(p), body: p.bytes, adapter: 'node' });
      if (reply.status !== 200) throw new Error(reply.body);
    }
  };
}
