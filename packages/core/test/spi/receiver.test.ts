import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DouyinPushError } from '@douyin-push/core';
import { buildSpiRequest, createDouyinSpi, SPI_INVALID_PARAMS_CODE, SPI_SYSTEM_ERROR_CODE } from '@douyin-push/core/spi';
import { SECRET, deferred, expectEnvelope, send } from './helpers.js';

const vector = (
  JSON.parse(readFileSync(new URL('../fixtures/signature-vectors.json', import.meta.url), 'utf8')) as {
    spi: { secret: string; query: string; body: string; x_life_sign: string; legacy_sign: string }[];
  }
).spi[0]!;

function recorder() {
  const errors: DouyinPushError[] = [];
  return { errors, onError: (error: DouyinPushError) => void errors.push(error) };
}

function issueSpi(handler: () => unknown, extra: Record<string, unknown> = {}) {
  const rec = recorder();
  let runs = 0;
  const spi = createDouyinSpi({
    scenario: 'fulfilment.order.tripartite_code',
    clientSecret: SECRET,
    onError: rec.onError,
    ...extra,
    handler: async () => {
      runs += 1;
      return (await handler()) as never;
    },
  });
  return { spi, errors: rec.errors, runs: () => runs };
}

describe('verification', () => {
  it('accepts the shared vector request exactly as Douyin sent it', async () => {
    let ran = 0;
    const spi = createDouyinSpi({
      scenario: 'fulfilment.order.tripartite_code',
      clientSecret: vector.secret,
      handler: () => {
        ran += 1;
        return { result: 'issuing' };
      },
    });
    const res = await spi.handle({
      method: 'POST',
      url: `/douyin/spi/issue?${vector.query}`,
      headers: { 'X-Life-Sign': vector.x_life_sign, 'content-type': 'application/json' },
      body: vector.body,
    });
    expect(res.status).toBe(200);
    expect(expectEnvelope(res.body)).toEqual({ error_code: 0, description: 'success', result: 0 });
    expect(ran).toBe(1);
  });

  it('wrong or missing x-life-sign: 401, JSON error, handler never runs', async () => {
    const { spi, errors, runs } = issueSpi(() => ({ result: 'issuing' }));
    const wrong = await send(spi, { secret: 'not-the-secret', body: { order_id: '1' } });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toMatchObject({ code: 'SIGNATURE_MISMATCH' });
    const missing = await send(spi, { body: { order_id: '1' }, signatures: 'none' });
    expect(missing.status).toBe(401);
    expect(missing.json).toMatchObject({ code: 'SIGNATURE_MISSING' });
    // Tampering with any signed part fails: the body, and the query (timestamp).
    const req = buildSpiRequest({ secret: SECRET, body: { order_id: '1' } });
    const tamperedBody = await spi.handle({ method: 'POST', url: req.url, headers: req.headers, body: req.body.replace('1', '2') });
    const tamperedQuery = await spi.handle({
      method: 'POST',
      url: req.url.replace(/timestamp=\d+/, 'timestamp=1'),
      headers: req.headers,
      body: req.body,
    });
    expect([tamperedBody.status, tamperedQuery.status]).toEqual([401, 401]);
    expect(runs()).toBe(0);
    expect(errors.map((e) => e.code)).toEqual(['SIGNATURE_MISMATCH', 'SIGNATURE_MISSING', 'SIGNATURE_MISMATCH', 'SIGNATURE_MISMATCH']);
  });

  it('legacy md5 `sign` only when legacySign is on, and never as a downgrade of a bad x-life-sign', async () => {
    const off = issueSpi(() => ({ result: 'issuing' }));
    const legacyOnly = await send(off.spi, { body: { order_id: '1' }, signatures: 'legacy' });
    expect(legacyOnly.status).toBe(401);
    expect(legacyOnly.json.message).toContain('legacySign');

    const on = issueSpi(() => ({ result: 'issuing' }), { legacySign: true });
    const ok = await send(on.spi, { body: { order_id: '1' }, signatures: 'legacy' });
    expect(ok.status).toBe(200);
    expect(expectEnvelope(ok.text).result).toBe(0);
    const forgedLegacy = await send(on.spi, { body: { order_id: '2' }, signatures: 'legacy', query: {}, secret: 'nope' });
    expect(forgedLegacy.status).toBe(401);
    const req = buildSpiRequest({ secret: SECRET, body: { order_id: '3' } });
    const badHeaderGoodLegacy = await on.spi.handle({
      method: 'POST',
      url: req.url,
      headers: { ...req.headers, 'x-life-sign': '0'.repeat(64) },
      body: req.body,
    });
    expect(badHeaderGoodLegacy.status).toBe(401);
    expect(on.runs()).toBe(1);
  });

  it('tries the secrets of both the query client_key and the x-life-clientkey header (protocol §14 Q7)', async () => {
    const asked: string[] = [];
    const secrets: Record<string, string> = { old_app: 'old-secret', new_app: 'new-secret' };
    const spi = createDouyinSpi({
      scenario: 'fulfilment.order.refund_notice',
      clientSecret: (key) => {
        asked.push(key);
        return secrets[key];
      },
      handler: (_body, context) => ({ result: 'received', data: { who: context.clientKey } }),
    });
    for (const secret of ['old-secret', 'new-secret']) {
      const res = await send(spi, { secret, clientKey: 'old_app', headers: { 'x-life-clientkey': 'new_app' }, body: { order_id: '1' } });
      expect(res.status).toBe(200);
      expect(expectEnvelope(res.text).who).toBe(secret === 'old-secret' ? 'old_app' : 'new_app');
    }
    expect(new Set(asked)).toEqual(new Set(['old_app', 'new_app']));
    const unknown = await send(spi, { secret: 'x', clientKey: 'ghost', body: { order_id: '1' } });
    expect(unknown.status).toBe(401);
  });

  it('a throwing secret lookup fails closed with 500', async () => {
    const rec = recorder();
    const spi = createDouyinSpi({
      scenario: 'fulfilment.order.refund_notice',
      clientSecret: () => {
        throw new Error('db down');
      },
      onError: rec.onError,
      handler: () => undefined,
    });
    const res = await send(spi, { body: { order_id: '1' } });
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ code: 'SECRET_LOOKUP_FAILED', message: 'The request was not handled; Douyin will send it again.' });
  });
});

describe('transport errors', () => {
  it('405 with Allow: POST for other methods', async () => {
    const { spi, runs } = issueSpi(() => ({ result: 'issuing' }));
    const res = await spi.handleRequest(new Request('https://merchant.example/spi', { method: 'GET' }));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(runs()).toBe(0);
  });

  it('413 above maxBodyBytes, through the web stream reader too', async () => {
    const { spi, runs } = issueSpi(() => ({ result: 'issuing' }), { maxBodyBytes: 64 });
    const big = { order_id: '1', pad: 'x'.repeat(100) };
    expect((await send(spi, { body: big })).status).toBe(413);
    const req = buildSpiRequest({ secret: SECRET, body: big });
    // No content-length: a streamed body is cut off while reading.
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(req.body));
        controller.close();
      },
    });
    const streamed = await spi.handleRequest(
      new Request(new URL(req.url, 'https://m.example'), {
        method: 'POST',
        headers: req.headers,
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect(runs()).toBe(0);
  });

  it('signed but not JSON / not the scenario shape: 400 with envelope 2100005, handler never runs', async () => {
    const { spi, runs, errors } = issueSpi(() => ({ result: 'issuing' }));
    const notJson = await send(spi, { body: 'order_id=1' });
    expect(notJson.status).toBe(400);
    expect(expectEnvelope(notJson.text).error_code).toBe(SPI_INVALID_PARAMS_CODE);
    const noOrder = await send(spi, { body: { count: 1 } });
    expect(noOrder.status).toBe(400);
    const data = expectEnvelope(noOrder.text);
    expect(data.error_code).toBe(2100005);
    expect(data.description).toContain('order_id');
    expect(runs()).toBe(0);
    expect(errors.map((e) => e.code)).toEqual(['INVALID_JSON', 'INVALID_CONTENT']);
  });
});

describe('handler outcomes', () => {
  it('a thrown error is answered 200 with the numeric system error code (Douyin retries 发券)', async () => {
    const { spi, errors } = issueSpi(() => {
      throw new Error('db down');
    });
    const res = await send(spi, { body: { order_id: 'boom' } });
    expect(res.status).toBe(200);
    expect(expectEnvelope(res.text)).toEqual({ error_code: SPI_SYSTEM_ERROR_CODE, description: 'system error' });
    expect(errors.map((e) => e.code)).toEqual(['HANDLER_FAILED']);
  });

  it('预下单: a thrown error answers 20 (other), a refusal its code, an invalid reply a system error', async () => {
    const rec = recorder();
    const spi = createDouyinSpi({
      scenario: 'trade.order.pre_create_order',
      clientSecret: SECRET,
      onError: rec.onError,
      handler: (order) => {
        if (order.order_id === 'throw') throw new Error('x');
        if (order.order_id === 'bad') return { result: 'maybe' } as never;
        return { result: 'refuse', reason: 'purchase_limit' };
      },
    });
    expect(expectEnvelope((await send(spi, { body: { order_id: 'throw' } })).text).error_code).toBe(20);
    expect(expectEnvelope((await send(spi, { body: { order_id: 'limit' } })).text)).toEqual({
      error_code: 6,
      description: 'purchase_limit',
    });
    expect(expectEnvelope((await send(spi, { body: { order_id: 'bad' } })).text).error_code).toBe(20);
    expect(rec.errors.map((e) => e.code)).toEqual(['HANDLER_FAILED', 'INVALID_REPLY']);
  });

  it('预下单 overrun: answered "allow" in time (Douyin allows on timeout), handler aborted but keeps running', async () => {
    const rec = recorder();
    const gate = deferred();
    let aborted = false;
    const spi = createDouyinSpi({
      scenario: 'trade.order.pre_create_order',
      clientSecret: SECRET,
      timeoutMs: 30,
      onError: rec.onError,
      handler: async (_order, { signal }) => {
        signal.addEventListener('abort', () => {
          aborted = true;
        });
        await gate.promise;
        return { result: 'refuse', reason: 'sold_out' };
      },
    });
    const res = await send(spi, { body: { order_id: 'slow' } });
    expect(expectEnvelope(res.text)).toEqual({ error_code: 0, description: 'success' });
    expect(aborted).toBe(true);
    expect(rec.errors.map((e) => e.code)).toEqual(['HANDLER_TIMEOUT']);
    gate.resolve();
  });

  it('a raw reply with a string error_code is refused (error_code is always a number)', async () => {
    const { spi, errors } = issueSpi(() => ({
      [Symbol.for('@douyin-push/core/spi/raw-reply')]: true,
      data: { error_code: '0', description: 'x' },
    }));
    const data = expectEnvelope((await send(spi, { body: { order_id: 'r' } })).text);
    expect(data.error_code).toBe(SPI_SYSTEM_ERROR_CODE);
    expect(errors.map((e) => e.code)).toEqual(['INVALID_REPLY']);
  });

  it('rejects bad options at construction', () => {
    const base = { clientSecret: SECRET, handler: () => undefined };
    expect(() => createDouyinSpi({ ...base, scenario: 'nope.nope' as never })).toThrow(/unknown SPI scenario/);
    expect(() => createDouyinSpi({ ...base, scenario: 'fulfilment.order.refund_notice', timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => createDouyinSpi({ ...base, scenario: 'fulfilment.order.refund_apply', onTimeout: { result: 'later' } } as never)).toThrow(
      /onTimeout/,
    );
  });
});
