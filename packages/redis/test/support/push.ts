import { sign } from '@douyin-push/core';

export const SECRET = 'redis-test-secret';
export const CLIENT_KEY = 'awredistest';

/** A signed `life_trade_order_notify` push with its own Msg-Id, as Douyin would send it. */
export function signedPush(msgId: string): { body: string; headers: Record<string, string> } {
  const content = JSON.stringify({
    action: 'pay_success',
    msg_time: 1722175826,
    order: {
      order_id: msgId,
      account_id: '7376546762393143333',
      pay_amount: 100,
      original_amount: 100,
      create_time: 1722175821,
      pay_time: 1722175822,
    },
  });
  const body = JSON.stringify({
    event: 'life_trade_order_notify',
    client_key: CLIENT_KEY,
    from_user_id: '_000test',
    content,
    log_id: `log-${msgId}`,
    msg_id: msgId,
  });
  return {
    body,
    headers: { 'content-type': 'application/json', 'x-douyin-signature': sign(body, SECRET), 'msg-id': msgId },
  };
}
