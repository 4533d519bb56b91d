import { defaultDedupeKey, sign, type DouyinAnyEvent } from '@douyin-push/core';
import type { OutgoingPush } from '@douyin-push/cli';

export const SECRET = 'queue-test-secret';

/** A signed `life_trade_order_notify` push with its own Msg-Id, as Douyin would send it. */
export function signedPush(url: string, msgId: string): OutgoingPush {
  const content = contentOf(msgId);
  const body = JSON.stringify({
    event: 'life_trade_order_notify',
    client_key: 'awqueuetest',
    from_user_id: '_000test',
    content,
    log_id: `log-${msgId}`,
    msg_id: msgId,
  });
  return {
    url,
    body: Buffer.from(body),
    headers: { 'content-type': 'application/json', 'x-douyin-signature': sign(body, SECRET), 'msg-id': msgId },
    event: 'life_trade_order_notify',
    msgId,
    copy: 0,
  };
}

/** The inbox id (the receiver's default dedupe identity) of `signedPush(_, msgId)`. */
export function pushIdOf(msgId: string): string {
  const content = contentOf(msgId);
  const event = { clientKey: 'awqueuetest', name: 'life_trade_order_notify', msgId, envelope: { content }, rawBody: new Uint8Array() };
  return defaultDedupeKey(event as unknown as DouyinAnyEvent);
}

function contentOf(msgId: string): string {
  return JSON.stringify({
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
}
