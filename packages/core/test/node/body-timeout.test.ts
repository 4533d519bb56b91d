import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createDouyinWebhooks } from '@douyin-push/core';
import { toNodeListener } from '@douyin-push/core/node';
import { SECRET } from '../helpers';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe('body deadline (Node)', () => {
  it('answers 408 BODY_TIMEOUT to a client that sends headers and stalls, reports it, runs nothing, and closes the socket', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, bodyTimeoutMs: 200 });
    const codes: string[] = [];
    let ran = 0;
    webhooks.onError((error) => void codes.push(error.code));
    webhooks.onAny(() => void ran++);
    server = createServer(toNodeListener(webhooks));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":');
    // Resolves only when the server closes the connection (the test's own timeout fails it otherwise).
    const received = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('latin1')));
      socket.on('close', () => resolve(text));
    });
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(received).toMatch(/connection: close/i);
    expect(received).toMatch(/BODY_TIMEOUT/);
    expect(codes).toEqual(['BODY_TIMEOUT']);
    expect(ran).toBe(0);
  });
});
