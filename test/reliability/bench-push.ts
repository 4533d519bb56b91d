/** Pushes signed with the secret of bench/servers/app.mjs (bench/lib/push.mjs holds the same). */
import { buildPush } from '@douyin-push/core/testing';

export const BENCH_SECRET = 'bench_client_secret_0123456789';

export function benchPush(msgId: string): { body: Buffer; headers: Record<string, string> } {
  const push = buildPush({
    event: 'life_trade_certificate_notify',
    content: {
      action: 'verify',
      msg_time: 1679914989,
      certificate: { certificate_id: '7212557509230723106', order_id: '800', account_id: '712' },
    },
    secret: BENCH_SECRET,
    msgId,
  });
  return { body: Buffer.from(push.body), headers: push.headers };
}
