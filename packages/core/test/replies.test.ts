import { describe, expect, it, vi } from 'vitest';
import { createDouyinWebhooks, sign, type DouyinReply } from '@douyin-push/core';
import { buildPush, fixtures, sampleContents, signedHeaders } from '@douyin-push/core/testing';
import { SECRET, post } from './helpers';

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
  {
    name: 'missing signature',
    request: () => ({
      method: 'POST',
      ...buildPush({ event: 'life_trade_order_notify', content: {}, secret: SECRET, signature: 'missing' }),
    }),
    status: 401,
    code: 'SIGNATURE_MISSING',
  },
  {
    name: 'wrong signature',
    request: () => ({
      method: 'POST',
      ...buildPush({ event: 'life_trade_order_notify', content: {}, secret: SECRET, signature: { forgeWith: 'other' } }),
    }),
    status: 401,
    code: 'SIGNATURE_MISMATCH',
  },
  { name: 'body not JSON', request: () => signedRaw('not json'), status: 400, code: 'INVALID_JSON' },
  { name: 'body a JSON array', request: () => signedRaw('[1,2]'), status: 400, code: 'INVALID_JSON' },
  {
    name: 'body not UTF-8',
    request: () => ({
      method: 'POST',
      headers: signedHeaders(new Uint8Array([0x7b, 0xff, 0x7d]), SECRET),
      body: new Uint8Array([0x7b, 0xff, 0x7d]),
    }),
    status: 400,
    code: 'INVALID_JSON',
  },
  { name: 'envelope without event', request: () => signedRaw('{"client_key":"a","content":"{}"}'), status: 400, code: 'INVALID_ENVELOPE' },
  {
    name: 'content string not JSON',
    request: () => signedRaw('{"event":"life_trade_order_notify","client_key":"a","content":"{oops"}'),
    status: 400,
    code: 'INVALID_CONTENT',
  },
  {
    name: 'body larger than maxBodyBytes',
    request: () => signedRaw(JSON.stringify({ event: 'x', content: 'a'.repeat(5000) })),
    status: 413,
    code: 'BODY_TOO_LARGE',
  },
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

  it('explains a signature mismatch to onError (parsed body, other app, whitespace in the secret), not to the caller', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: ` ${SECRET}\n` });
    const reported: { message: string; verified: unknown; clientKey: unknown }[] = [];
    webhooks.onError(
      (error, context) => void reported.push({ message: error.message, verified: context.verified, clientKey: context.clientKey }),
    );
    const reply = await webhooks.handle({ method: 'POST', ...order() });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body)).toEqual({
      code: 'SIGNATURE_MISMATCH',
      message: '@douyin-push/core: X-Douyin-Signature does not match.',
    });
    expect(reported).toHaveLength(1);
    expect(reported[0]!.message).toMatch(/re-serialised/);
    expect(reported[0]!.message).toMatch(/another app/);
    expect(reported[0]!.message).toMatch(/whitespace/);
    // Unverified: the envelope's client_key is not reported as fact.
    expect(reported[0]!.verified).toBe(false);
    expect(reported[0]!.clientKey).toBeUndefined();
  });

  it('a forged push with a 1 MB client_key gets a short 401 that echoes nothing', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, maxBodyBytes: 4 * 1024 * 1024 });
    const messages: string[] = [];
    webhooks.onError((error) => void messages.push(error.message));
    const body = JSON.stringify({ event: 'life_trade_order_notify', client_key: 'k'.repeat(1024 * 1024), content: '{}' });
    const reply = await webhooks.handle(post(body, signedHeaders(body, 'not-the-secret')));
    expect(reply.status).toBe(401);
    expect(reply.body.length).toBeLessThan(200);
    expect(messages[0]!.length).toBeLessThan(1000);
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
    const body =
      ' {"event":"life_product_status_change","client_key":"k","content":"{\\"product_id\\":\\"1\\",\\"status\\":\\"GOODS_BAN\\"}","log_id":"l"}';
    const reply = await webhooks.handle({ method: 'POST', headers: { 'X-Douyin-Signature': sign(body, SECRET).toUpperCase() }, body });
    expect(reply.status).toBe(200);
  });
});

describe('DouyinPushError across copies of core', () => {
  it('recognises an error from another copy (ESM vs CJS build) by its brand, and keeps subclass checks exact', async () => {
    const { DouyinPushError, DouyinHandlerError } = await import('@douyin-push/core');
    const foreign = Object.assign(new Error('from the other build'), {
      [Symbol.for('@douyin-push/error')]: true,
      code: 'BODY_TOO_LARGE',
      status: 413,
    });
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
  it.each([undefined, '', [], ['']])(
    'clientSecret %j: constructible (so `next build` works without secrets), warns once, then fails closed with 500 CONFIG_INVALID',
    async (clientSecret) => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const webhooks = createDouyinWebhooks({ clientSecret: clientSecret as never });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(/clientSecret` is missing or empty/);
      warn.mockRestore();
      const reported: string[] = [];
      let ran = 0;
      webhooks.onError((error) => void reported.push(error.code));
      webhooks.onAny(() => void ran++);
      const body = fixtures.life_trade_order_notify;
      const reply = await webhooks.handle(post(body, signedHeaders(body, SECRET)));
      expect(reply.status).toBe(500);
      expect(reply.errorCode).toBe('CONFIG_INVALID');
      expect(reported).toEqual(['CONFIG_INVALID']);
      expect(ran).toBe(0);
    },
  );

  it('rejects nonsense numbers', () => {
    expect(() => createDouyinWebhooks({ clientSecret: 's', maxBodyBytes: 0 })).toThrow(/maxBodyBytes/);
    expect(() => createDouyinWebhooks({ clientSecret: 's', timeoutMs: Number.NaN })).toThrow(/timeoutMs/);
  });
});
