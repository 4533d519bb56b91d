import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDouyinWebhooks } from '@douyin-push/core';
import { toNodeListener } from '@douyin-push/core/node';
import type { DouyinInbox } from '@douyin-push/core/adapter';
import { SECRET } from './push';

/** A durable-mode receiver in this process, over real HTTP; `url` is its webhook URL. */
export async function listenDurable(inbox: DouyinInbox, timeoutMs?: number): Promise<{ url: string; close(): Promise<void> }> {
  const webhooks = createDouyinWebhooks({ clientSecret: SECRET, inbox, ...(timeoutMs ? { timeoutMs } : {}) });
  webhooks.onError(() => undefined);
  const server: Server = createServer(toNodeListener(webhooks, { path: '/douyin/webhook' }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/douyin/webhook`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls `check` until it holds or `timeoutMs` passed; resolves with its last answer. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return check();
}
