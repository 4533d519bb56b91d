import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DouyinReceiver, DouyinReply } from '@douyin-push/core';
import { serveNodeRequest } from '@douyin-push/core/adapter';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

// What a custom receiver can do wrong, chosen by the request path; `/ok` answers normally.
const faulty: DouyinReceiver = {
  maxBodyBytes: 1024,
  bodyTimeoutMs: 1000,
  handle(request) {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/throw') throw new Error('receiver bug (sync)');
    if (path === '/reject') return Promise.reject(new Error('receiver bug (async)'));
    // A header value with a line break: writeHead throws ERR_INVALID_CHAR while writing the reply.
    if (path === '/unwritable') return Promise.resolve({ status: 200, headers: { 'x-bad': 'a\nb' }, body: '{}' } satisfies DouyinReply);
    return Promise.resolve({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' } satisfies DouyinReply);
  },
  onError: () => () => undefined,
  handleRequest: () => Promise.resolve(new Response(null, { status: 500 })),
};

describe('serveNodeRequest (@douyin-push/core/adapter)', () => {
  it('closes the request when the receiver throws, rejects or its reply cannot be written; the process and the server go on', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const options = { adapter: 'node' } as const;
      server = createServer((req, res) => serveNodeRequest(faulty, req, res, options));
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      // A request left open would hang until the test's timeout; a closed one fails the fetch.
      for (const path of ['/throw', '/reject', '/unwritable']) {
        await expect(fetch(`${origin}${path}`, { method: 'POST', body: '{}' }), path).rejects.toThrow();
      }
      const ok = await fetch(`${origin}/ok`, { method: 'POST', body: '{}' });
      expect([ok.status, await ok.json()]).toEqual([200, { ok: true }]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
