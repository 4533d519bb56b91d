// The hand-written minimal receiver the benchmarks compare against: what an integrator would
// write without the library. Raw bytes, sha1(secret ‖ body) in constant time, JSON decode of
// the envelope and its content, a bounded Map of Msg-Ids, run the handler, answer.
import { createHash, timingSafeEqual } from 'node:crypto';

export const OK_BODY = '{"ok":true}';

export function createHandReceiver({ secret, max = 100_000, handler }) {
  const seen = new Map();
  return async function handle(bytes, signature, msgIdHeader) {
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
    seen.set(id, 1);
    if (seen.size > max) seen.delete(seen.keys().next().value);
    return 200;
  };
}
