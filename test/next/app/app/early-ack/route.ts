import { createDouyinRoute } from '@douyin-push/next';
import { done, earlyAck, open } from '../../lib/early-ack';

export const { POST } = createDouyinRoute(earlyAck);

/** Test hook: `?open=<msgId>` lets that handler finish; answers the msgIds handled so far. */
export function GET(request: Request): Response {
  const msgId = new URL(request.url).searchParams.get('open');
  if (msgId) open(msgId);
  return Response.json({ done });
}
