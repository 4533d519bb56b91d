// The benchmark push: Douyin's own certificate-push sample (life_trade_certificate_notify, the
// seed fixture of packages/core/test/fixtures, via @douyin-push/core/testing) with a 32-hex
// `msg_id` added the way 2024 captures carry it, signed the way Douyin signs it. Small pushes
// are the common case, and the small size keeps sha1 and JSON.parse (which both receivers
// pay) from hiding what the library adds.
import { createHash } from 'node:crypto';
import { fixtures } from '@douyin-push/core/testing';

export const SECRET = 'bench_client_secret_0123456789';
export const PATH = '/douyin/webhook';

const sample = fixtures.life_trade_certificate_notify;
const close = sample.lastIndexOf('}');
const HEAD = `${sample.slice(0, close).trimEnd()}, "msg_id": "`;
const TAIL = `" ${sample.slice(close)}`;
export const CLIENT_KEY = JSON.parse(sample).client_key;

export function sign(bytes, secret = SECRET) {
  return createHash('sha1').update(secret, 'utf8').update(bytes).digest('hex');
}

/** A 32-hex Msg-Id for number `i` (prefix keeps runs and processes apart). */
export const msgIdOf = (i, prefix = 'b') => `${prefix}${i.toString(16).padStart(31, '0')}`.slice(-32);

/** Push number `i` with its own Msg-Id (header and body), so every push is new to a dedupe store. */
export function makePush(i, prefix = 'b') {
  const msgId = msgIdOf(i, prefix);
  const bytes = Buffer.from(`${HEAD}${msgId}${TAIL}`);
  return { bytes, msgId, signature: sign(bytes) };
}
