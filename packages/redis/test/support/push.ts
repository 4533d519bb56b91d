import { buildPush, sampleContents } from '@douyin-push/core/testing';

export const SECRET = 'redis-test-secret';
export const CLIENT_KEY = 'awredistest';

/** A signed `life_trade_order_notify` push with its own Msg-Id (also its order id), as Douyin would send it. */
export function signedPush(msgId: string): { body: string; headers: Record<string, string> } {
  const sample = sampleContents.life_trade_order_notify;
  const { body, headers } = buildPush({
    event: 'life_trade_order_notify',
    content: { ...sample, order: { ...sample.order, order_id: msgId } },
    secret: SECRET,
    clientKey: CLIENT_KEY,
    fromUserId: '_000test',
    logId: `log-${msgId}`,
    msgId,
  });
  return { body, headers };
}
