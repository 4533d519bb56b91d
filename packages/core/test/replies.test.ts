import { describe, expect, it } from 'vitest';
import { createDouyinWebhooks, sign, type DouyinReply } from '@douyin-push/core';
import { buildPush, sampleContents, signedHeaders } from '@douyin-push/core/testing';
import { SECRET } from './helpers';

function receiver(options: Partial<Parameters<typeof createDouyinWebhooks>[0]> = {}) {
  const webhooks = createDouyinWebhooks({ clientSecret: SECRET, maxBodyBytes: 4096, ...options });
  const ran: string[] = [];
  const errors: string[] = [];
  webhooks.onAny((event) => {
    ran.push(event.name);
  });
  webhooks.onError((error) => {
    errors.push(error.code);
  });
  return { webhooks, ran, errors };
}

const order = () => buildPush({ event: 'life_trade_order_notify', content: sampleContents.life_trade_order_notify, secret: SECRET });
const signedRaw = (body: string) => ({ method: 'POST', headers: signedHeaders(body, SECRET), body });

interface Row {
  name: string;
  request: () => Parameters<ReturnType<typeof createDouyinWebhooks>['handle']>[0];
  status: number;
  code?: string;
}

// The README's reply table, row by row; `ran` proves no handler ran for any 4xx.
const rows: Row[] = [
  { name: 'handled push', request: () => ({ method: 'POST', ...order() }), status: 200 },
  { name: 'missing signature', request: () => ({ method: 'POST', ...buildPush({ event: 'life_trade_order_notify', content: {}, secret: SECRET, signature: 'missing' }) }), status: 401, code: 'SIGNATURE_MISSING' },
  { name: 'wrong signature', request: () => ({ method: 'POST', ...buildPush({ event: 'life_trade_order_notify', content: {}, secret: SECRET, signature: { forgeWith: 'other' } }) }), status: 401, code: 'SIGNATURE_MISMATCH' },
  { name: 'body not JSON', request: () => signedRaw('not json'), status: 400, code: 'INVALID_JSON' },
  { name: 'body a JSON array', request: () => signedRaw('[1,2]'), status: 400, code: 'INVALID_JSON' },
  { name: 'body not UTF-8', request: () => ({ method: 'POST', headers: signedHeaders(new Uint8Array([0x7b, 0xff, 0x7d]), SECRET), body: new Uint8Array([0x7b, 0xff, 0x7d]) }), status: 400, code: 'INVALID_JSON' },
  { name: 'envelope without event', request: () => signedRaw('{"client_key":"a","content":"{}"}'), status: 400, code: 'INVALID_ENVELOPE' },
  { name: 'content string not JSON', request: () => signedRaw('{"event":"life_trade_order_notify","client_key":"a","content":"{oops"}'), status: 400, code: 'INVALID_CONTENT' },
  { name: 'body larger than maxBodyBytes', request: () => signedRaw(JSON.stringify({ event: 'x', content: 'a'.repeat(5000) })), status: 413, code: 'BODY_TOO_LARGE' },
  { name: 'GET', request: () => ({ method: 'GET', headers: {}, body: undefined }), status: 405, code: 'METHOD_NOT_ALLOWED' },
  { name: 'PUT with a signed body', request: () => ({ method: 'PUT', ...order() }), status: 405, code: 'METHOD_NOT_ALLOWED' },
];

describe('reply table', () => {
  it.each(rows)('$name → $status', async (row) => {
    const { webhooks, ran, errors } = receiver();
    const reply: DouyinReply = await webhooks.handle(row.request());
    expect(reply.status).toBe(row.status);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    if (row.status === 200) {
      expect(ran).toEqual(['life_trade_order_notify']);
      return;
    }
    expect(ran).toEqual([]);
    expect(JSON.parse(reply.body)).toMatchObject({ code: row.code });
    expect(reply.errorCode).toBe(row.code);
    expect(errors).toEqual([row.code]);
    if (row.status === 405) expect(reply.headers.allow).toBe('POST');
  });

  it('answers a handler failure 500 with a generic body, never the error message', async () => {
    const { webhooks, errors } = receiver();
    webhooks.on('life_trade_order_notify', () => {
      throw new Error('db password is hunter2');
    });
    const reply = await webhooks.handle({ method: 'POST', ...order() });
    expect(reply.status).toBe(500);
    expect(reply.body).not.toContain('hunter2');
    expect(JSON.parse(reply.body)).toMatchObject({ code: 'HANDLER_FAILED' });
    expect(errors).toEqual(['HANDLER_FAILED']);
  });

  it('collects every failing handler of one push into one error, and still runs the others', async () => {
    const { webhooks } = receiver();
    const seen: unknown[] = [];
    let ok = 0;
    webhooks.on('life_trade_order_notify', () => Promise.reject(new Error('a')));
    webhooks.on('life_trade_order_notify.pay_success', () => {
      throw new Error('b');
    });
    webhooks.on('life_trade_order_notify', () => {
      ok++;
    });
    webhooks.onError((error) => {
      seen.push((error as unknown as { errors: Error[] }).errors.map((e) => e.message).sort());
    });
    expect((await webhooks.handle({ method: 'POST', ...order() })).status).toBe(500);
    expect(ok).toBe(1);
    expect(seen).toEqual([['a', 'b']]);
  });

  it('explains a signature mismatch: parsed body, other app, whitespace in the secret', async () => {
    const { webhooks } = receiver({ clientSecret: ` ${SECRET}\n` });
    const reply = await webhooks.handle({ method: 'POST', ...order() });
    expect(reply.status).toBe(401);
    const { message } = JSON.parse(reply.body) as { message: string };
    expect(message).toMatch(/re-serialised/);
    expect(message).toMatch(/another app/);
    expect(message).toMatch(/whitespace/);
  });

  it('reads a lazy body only after the method check', async () => {
    const { webhooks } = receiver();
    let read = 0;
    const reply = await webhooks.handle({
      method: 'GET',
      headers: {},
      body: async () => {
        read++;
        return new Uint8Array();
      },
    });
    expect(reply.status).toBe(405);
    expect(read).toBe(0);
  });

  it('turns a body reader failure into its reply (413 from the stream, never a crash)', async () => {
    const { webhooks, ran } = receiver();
    const { DouyinPushError } = await import('@douyin-push/core');
    const reply = await webhooks.handle({
      method: 'POST',
      headers: {},
      body: () => Promise.reject(new DouyinPushError('RAW_BODY_UNAVAILABLE', 500, 'parsed already')),
    });
    expect(reply.status).toBe(500);
    expect(JSON.parse(reply.body)).toMatchObject({ code: 'RAW_BODY_UNAVAILABLE' });
    expect(ran).toEqual([]);
  });

  it('signs what was received: a body with an extra space verifies only against its own bytes', async () => {
    const { webhooks } = receiver();
    const body = ' {"event":"life_product_status_change","client_key":"k","content":"{\\"product_id\\":\\"1\\",\\"status\\":\\"GOODS_BAN\\"}","log_id":"l"}';
    const reply = await webhooks.handle({ method: 'POST', headers: { 'X-Douyin-Signature': sign(body, SECRET).toUpperCase() }, body });
    expect(reply.status).toBe(200);
  });
});

describe('DouyinPushError across copies of core', () => {
  it('recognises an error from another copy (ESM vs CJS build) by its brand, and keeps subclass checks exact', async () => {
    const { DouyinPushError, DouyinHandlerError } = await import('@douyin-push/core');
    const foreign = Object.assign(new Error('from the other build'), { [Symbol.for('@douyin-push/error')]: true, code: 'BODY_TOO_LARGE', status: 413 });
    expect(foreign instanceof DouyinPushError).toBe(true);
    expect(new Error('plain') instanceof DouyinPushError).toBe(false);
    expect(new DouyinPushError('X', 400, 'x') instanceof DouyinHandlerError).toBe(false);
    expect(new DouyinHandlerError([new Error('a')], 'ctx') instanceof DouyinPushError).toBe(true);
    const { webhooks } = receiver();
    const reply = await webhooks.handle({ method: 'POST', headers: {}, body: () => Promise.reject(foreign) });
    expect(reply.status).toBe(413);
  });
});

describe('configuration', () => {
  it.each([undefined, '', [], ['']])('throws CONFIG_INVALID at construction for clientSecret %j', (clientSecret) => {
    expect(() => createDouyinWebhooks({ clientSecret: clientSecret as never })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });

  it('rejects nonsense numbers', () => {
    expect(() => createDouyinWebhooks({ clientSecret: 's', maxBodyBytes: 0 })).toThrow(/maxBodyBytes/);
    expect(() => createDouyinWebhooks({ clientSecret: 's', timeoutMs: Number.NaN })).toThrow(/timeoutMs/);
  });
});
