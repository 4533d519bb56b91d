import { createDouyinWebhooks } from '@douyin-push/core';
import { CONTRACT_SECRET } from '../../../contract/kit';

// `ack: 'before-handling'`: the 200 goes out first and the handler runs on, kept alive by Next's
// after(). Each handler waits at a gate the test opens over HTTP only after it got its 200, so
// "answered before handled" is proven by order, not by timing.
const opened = new Set<string>();
const gates = new Map<string, () => void>();
export const done: string[] = [];

export function open(msgId: string): void {
  opened.add(msgId);
  gates.get(msgId)?.();
}

export const earlyAck = createDouyinWebhooks({ clientSecret: CONTRACT_SECRET, ack: 'before-handling' });
earlyAck.onAny(async (event) => {
  if (!opened.has(event.msgId)) await new Promise<void>((resolve) => gates.set(event.msgId, resolve));
  done.push(event.msgId);
});
