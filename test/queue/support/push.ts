import { defaultDedupeKey, type DouyinAnyEvent } from '@douyin-push/core';
import { buildPush, sampleContents } from '@douyin-push/core/testing';
import type { OutgoingPush } from '@douyin-push/cli';

export const SECRET = 'queue-test-secret';

/** A signed `life_trade_order_notify` push with its own Msg-Id (also its order id), as Douyin would send it. */
export function signedPush(url: string, msgId: string): OutgoingPush {
  const { body, headers } = buildPush({
    event: 'life_trade_order_notify',
    content: contentOf(msgId),
    secret: SECRET,
    clientKey: 'awqueuetest',
    fromUserId: '_000test',
    logId: `log-${msgId}`,
    msgId,
  });
  return { url, body: Buffer.from(body), headers, event: 'life_trade_order_notify', msgId, copy: 0 };
}

/** The inbox id (the receiver's default dedupe identity) of `signedPush(_, msgId)`. */
export function pushIdOf(msgId: string): string {
  const event = {
    clientKey: 'awqueuetest',
    name: 'life_trade_order_notify',
    msgId,
    envelope: { content: JSON.stringify(contentOf(msgId)) },
    rawBody: new Uint8Array(),
  };
  return defaultDedupeKey(event as unknown as DouyinAnyEvent);
}

function contentOf(msgId: string) {
  const sample = sampleContents.life_trade_order_notify;
  return { ...sample, order: { ...sample.order, order_id: msgId } };
}
