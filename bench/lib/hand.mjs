// The hand-written receiver the benchmarks compare against: what an integrator writes without
// the library. Raw bytes, sha1(secret ‖ body) in constant time, JSON decode of the envelope and
// of its content, a bounded Map of Msg-Ids, run the (async-capable) handler, answer.
//
// Its dedupe is a plain Map bounded at 100 000 ids, the same bound as memoryDedupe()'s default:
// a Map is what a hand-written receiver uses (lru-cache would put the library's own choice into
// the baseline), and the same bound means both processes keep the same number of ids alive, so
// both pay the same garbage collector for them. Dropping the oldest insert is FIFO, not LRU:
// for Msg-Ids, which are looked up once or twice, the two forget the same ids.
//
// The oldest id comes from a ring of the inserted keys, NOT from `seen.keys().next()`: V8 leaves
// a deleted Map entry as a hole until the table is rebuilt, and a new iterator walks every hole
// from the front, so FIFO eviction through keys().next() costs O(ids evicted since the last
// rebuild): 1 µs at first, 34 µs per push after 100 000 evictions (bench/README.md). The old
// baseline did that, and its cost grew with the server's age.
import { createHash, timingSafeEqual } from 'node:crypto';

export const OK_BODY = '{"ok":true}';
/** memoryDedupe()'s default `max` (packages/core/src/dedupe/memory.ts). */
export const DEDUPE_MAX = 100_000;

export function createHandReceiver({ secret, max = DEDUPE_MAX, handler }) {
  const seen = new Map();
  const ring = new Array(max);
  let head = 0;
  const remember = (id) => {
    const oldest = ring[head];
    if (oldest !== undefined) seen.delete(oldest);
    ring[head] = id;
    head = head + 1 === max ? 0 : head + 1;
    seen.set(id, 1);
  };
  async function handle(bytes, signature, msgIdHeader) {
    if (typeof signature !== 'string' || signature.length !== 40) return 401;
    const given = Buffer.from(signature, 'hex');
    const expected = createHash('sha1').update(secret, 'utf8').update(bytes).digest();
    if (given.length !== 20 || !timingSafeEqual(expected, given)) return 401;
    let envelope;
    let content;
    try {
      envelope = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
      if (envelope === null || typeof envelope !== 'object' || typeof envelope.event !== 'string') return 400;
      content = typeof envelope.content === 'string' ? JSON.parse(envelope.content) : envelope.content;
    } catch {
      return 400;
    }
    const id = `${envelope.client_key}:${msgIdHeader || envelope.msg_id}`;
    if (seen.has(id)) return 200;
    await handler(envelope.event, content);
    remember(id);
    return 200;
  }
  /**
   * Fills the Map to `max` with ids of the real shape, so measuring starts in steady state. The
   * `z` keeps them apart from the measured Msg-Ids (hex only): a run whose pid ended in `f` once
   * had every push counted as a duplicate of the filler.
   */
  handle.prefill = (clientKey, n = max) => {
    for (let i = 0; i < n; i++) remember(`${clientKey}:z${i.toString(16).padStart(31, '0')}`);
  };
  return handle;
}

/**
 * Fills a DedupeStore (memoryDedupe) with `n` completed ids of the real shape, as a long-running
 * receiver has it: every new push then evicts one, like the hand-written Map.
 */
export async function prefillStore(store, clientKey, n = DEDUPE_MAX) {
  for (let i = 0; i < n; i++) {
    const key = `${clientKey}:z${i.toString(16).padStart(31, '0')}`;
    const claim = await store.claim(key);
    if (claim.status === 'claimed') await store.complete(key, claim.token);
  }
}
