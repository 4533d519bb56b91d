// The benchmark push: a life_trade_order_notify shaped like the seed sample, padded to ~1 KB
// (a realistic upper size for an order push), signed the way Douyin signs it.
import { createHash } from 'node:crypto';

export const SECRET = 'bench_client_secret_0123456789';
export const PATH = '/douyin/webhook';
export const CLIENT_KEY = 'aw6ufdiwwmx4x7tf';

const content = (i) => ({
  action: 'pay_success',
  msg_time: 1722175826,
  order: {
    order_id: String(1065946966824669548n + BigInt(i)),
    account_id: '7376546762393143333',
    pay_amount: 100,
    original_amount: 100,
    create_time: 1722175821,
    pay_time: 1722175822,
    // Padding to ~1 KB: an integrator's busiest pushes carry item lists of about this size.
    remark: '',
  },
});

const PAD = (() => {
  const probe = body(0, 'x'.repeat(32), '');
  return 'p'.repeat(Math.max(0, 1024 - Buffer.byteLength(probe)));
})();

function body(i, msgId, pad) {
  const c = content(i);
  c.order.remark = pad;
  return JSON.stringify({
    event: 'life_trade_order_notify',
    client_key: CLIENT_KEY,
    from_user_id: '_000gD8s5QbuDg3hh4HcqfAaMklpHu0zayFu',
    content: JSON.stringify(c),
    log_id: '021722175823563fdbddc01000b049500000000000000441114c6',
    msg_id: msgId,
  });
}

export function sign(bytes, secret = SECRET) {
  return createHash('sha1').update(secret, 'utf8').update(bytes).digest('hex');
}

/** Push number `i` with its own Msg-Id (so every push is new to the dedupe store). */
export function makePush(i, prefix = 'b') {
  const msgId = `${prefix}${i.toString(16).padStart(31, '0')}`.slice(-32);
  const bytes = Buffer.from(body(i, msgId, PAD));
  return { bytes, msgId, signature: sign(bytes) };
}
