import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '@douyin-push/core';
import type { ContractServer } from '../contract/suite.js';
import { adapters } from './adapters.js';
import { catalogue, PATH, SECRET } from './catalogue.js';
import { countingReceiver } from './receiver.js';
import { sendRaw } from './send.js';

const rows = catalogue();

describe('catalogue of bad inputs', () => {
  it('has at least 40 named rows, each name once', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
  });
});

describe.each(adapters)('catalogue of bad inputs: $name', ({ start }) => {
  const receiver = countingReceiver();
  let server: ContractServer;
  beforeAll(async () => {
    server = await start({ receiver: receiver.webhooks, path: PATH });
  });
  afterAll(() => server?.close());

  it.each(rows.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    const before = receiver.handled.length;
    const reply = await sendRaw(server.origin, { method: row.method, headers: row.headers, body: row.body });
    expect([reply.status, reply.code], reply.text).toEqual([row.status, row.code]);
    if (row.status === 405) expect(reply.headers.allow).toBe('POST');
    expect(receiver.handled.length).toBe(before);
  });

  // Without this, "no handler ran" would also hold for a receiver that never runs one.
  it('control: a valid push on the same server is handled once', async () => {
    const body = JSON.stringify({
      event: 'life_product_status_change',
      client_key: 'aw_c',
      content: '{"product_id":"1","status":"GOODS_BAN"}',
      log_id: 'l',
    });
    const headers = { 'content-type': 'application/json', 'x-douyin-signature': sign(body, SECRET), 'msg-id': `control-${Math.random()}` };
    const reply = await sendRaw(server.origin, { headers, body });
    expect(reply.status, reply.text).toBe(200);
    expect(receiver.handled).toEqual([headers['msg-id']]);
  });
});
