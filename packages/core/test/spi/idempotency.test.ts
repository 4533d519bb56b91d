import { describe, expect, it } from 'vitest';
import { memoryDedupe, type DedupeStore, type DouyinPushError } from '@douyin-push/core';
import {
  buildSpiRequest,
  createDouyinSpi,
  memorySpiReplies,
  SPI_SYSTEM_ERROR_CODE,
  type IssueCodeReply,
  type SpiReplyStore,
} from '@douyin-push/core/spi';
import { SECRET, deferred, expectEnvelope, send } from './helpers.js';

function issuer(handler: (orderId: string, run: number) => IssueCodeReply | Promise<IssueCodeReply>, extra: Record<string, unknown> = {}) {
  const errors: DouyinPushError[] = [];
  let runs = 0;
  const spi = createDouyinSpi({
    scenario: 'fulfilment.order.tripartite_code',
    clientSecret: SECRET,
    onError: (error) => void errors.push(error),
    ...extra,
    handler: (order) => handler(order.order_id, ++runs),
  });
  return { spi, errors, runs: () => runs };
}

describe('发券 idempotency (on by default, keyed by order_id)', () => {
  it('a retry gets the first reply byte for byte and the handler runs once', async () => {
    const { spi, runs } = issuer((id, run) => ({ result: 'issued', certificates: [{ certificate_id: `${id}-c`, code: `code-${run}` }] }));
    const first = await send(spi, { body: { order_id: 'o-1', count: 1 }, timestamp: 1 });
    // Douyin's retry: same body, new timestamp and signature.
    const retry = await send(spi, { body: { order_id: 'o-1', count: 1 }, timestamp: 2 });
    expect(runs()).toBe(1);
    expect(retry.text).toBe(first.text);
    expect(expectEnvelope(retry.text).certificates).toEqual([{ certificate_id: 'o-1-c', code: 'code-1' }]);
    // Another order, or another app (client_key), is a different request.
    await send(spi, { body: { order_id: 'o-2', count: 1 } });
    await send(spi, { body: { order_id: 'o-1', count: 1 }, clientKey: 'other_app' });
    expect(runs()).toBe(3);
  });

  it('a failed attempt is not stored: the retry runs the handler again', async () => {
    const { spi, runs } = issuer((_id, run) => {
      if (run === 1) throw new Error('supplier down');
      return { result: 'issued', certificates: [{ certificate_id: 'c', code: 'ok' }] };
    });
    const first = await send(spi, { body: { order_id: 'o-3' } });
    expect(expectEnvelope(first.text).error_code).toBe(SPI_SYSTEM_ERROR_CODE);
    const retry = await send(spi, { body: { order_id: 'o-3' } });
    expect(expectEnvelope(retry.text)).toMatchObject({ error_code: 0, result: 1 });
    expect(runs()).toBe(2);
  });

  it('overrun: "retry later" now, the handler finishes, and Douyin\'s retry gets its codes without a second run', async () => {
    const gate = deferred();
    const { spi, runs, errors } = issuer(
      async () => {
        await gate.promise;
        return { result: 'issued', certificates: [{ certificate_id: 'c', code: 'late' }] };
      },
      { timeoutMs: 20 },
    );
    const first = await send(spi, { body: { order_id: 'slow' } });
    expect(expectEnvelope(first.text)).toEqual({ error_code: SPI_SYSTEM_ERROR_CODE, description: 'system error' });
    expect(errors.map((e) => e.code)).toEqual(['HANDLER_TIMEOUT']);
    // While the first attempt still runs, a retry is told to retry later (it waits up to timeoutMs).
    const early = await send(spi, { body: { order_id: 'slow' } });
    expect(expectEnvelope(early.text).error_code).toBe(SPI_SYSTEM_ERROR_CODE);
    gate.resolve();
    // Wait for the stored reply without a timing assumption: poll the receiver like Douyin does.
    let retry = await send(spi, { body: { order_id: 'slow' } });
    for (let i = 0; i < 50 && expectEnvelope(retry.text).error_code !== 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      retry = await send(spi, { body: { order_id: 'slow' } });
    }
    expect(expectEnvelope(retry.text)).toMatchObject({ error_code: 0, result: 1, certificates: [{ certificate_id: 'c', code: 'late' }] });
    expect(runs()).toBe(1);
  });

  it('concurrent duplicates: the second waits for the first reply instead of running', async () => {
    const gate = deferred();
    const secondSawInFlight = deferred();
    const inner = memoryDedupe();
    // Observe the store (no sleeps): release the first handler only once the duplicate found it in flight.
    const dedupe: DedupeStore = {
      claim: async (key) => {
        const claim = await inner.claim(key);
        if (claim.status === 'processing') secondSawInFlight.resolve();
        return claim;
      },
      complete: (key, token) => inner.complete(key, token),
      release: (key, token) => inner.release(key, token),
    };
    const { spi, runs } = issuer(
      async () => {
        await gate.promise;
        return { result: 'issuing' };
      },
      { idempotency: { dedupe } },
    );
    const a = send(spi, { body: { order_id: 'dup' } });
    const b = send(spi, { body: { order_id: 'dup' } });
    await secondSawInFlight.promise;
    gate.resolve();
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.text).toBe(rb.text);
    expect(expectEnvelope(ra.text)).toEqual({ error_code: 0, description: 'success', result: 0 });
    expect(runs()).toBe(1);
  });

  it('idempotency: false runs every delivery; custom stores are used', async () => {
    const off = issuer(() => ({ result: 'issuing' }), { idempotency: false });
    await send(off.spi, { body: { order_id: 'x' } });
    await send(off.spi, { body: { order_id: 'x' } });
    expect(off.runs()).toBe(2);

    const replies = memorySpiReplies({ max: 10 });
    const shared = { dedupe: memoryDedupe(), replies };
    // Two receivers (two processes in real life) sharing one store.
    const one = issuer(() => ({ result: 'issuing' }), { idempotency: shared });
    const two = issuer(() => ({ result: 'issued', certificates: [] }), { idempotency: shared });
    await send(one.spi, { body: { order_id: 'y' } });
    const replay = await send(two.spi, { body: { order_id: 'y' } });
    expect(expectEnvelope(replay.text).result).toBe(0);
    expect([one.runs(), two.runs()]).toEqual([1, 0]);
    expect(replies.size).toBe(1);
  });

  it('a broken store answers "retry later" and never runs the handler unprotected', async () => {
    const broken: SpiReplyStore = {
      get: () => Promise.reject(new Error('redis down')),
      set: () => Promise.reject(new Error('redis down')),
    };
    const { spi, runs, errors } = issuer(() => ({ result: 'issuing' }), { idempotency: { replies: broken } });
    const res = await send(spi, { body: { order_id: 'z' } });
    expect(expectEnvelope(res.text).error_code).toBe(SPI_SYSTEM_ERROR_CODE);
    expect(runs()).toBe(0);
    expect(errors.map((e) => e.code)).toEqual(['DEDUPE_UNAVAILABLE']);
  });
});

describe('退款申请 idempotency', () => {
  it('keyed by order_id + after_sale_id: same refund replays, another refund of the order runs', async () => {
    let runs = 0;
    const spi = createDouyinSpi({
      scenario: 'fulfilment.order.refund_apply',
      clientSecret: SECRET,
      handler: () => (++runs === 1 ? { result: 'approve' } : { result: 'reject', description: 'used' }),
    });
    const a = await send(spi, { body: { order_id: 'o', after_sale_id: 'as-1' } });
    const aRetry = await send(spi, { body: { order_id: 'o', after_sale_id: 'as-1' } });
    const b = await send(spi, { body: { order_id: 'o', after_sale_id: 'as-2' } });
    expect(expectEnvelope(a.text).result).toBe(1);
    expect(aRetry.text).toBe(a.text);
    expect(expectEnvelope(b.text).result).toBe(2);
    expect(runs).toBe(2);
  });

  it('without after_sale_id the body fingerprint keys it (UNCONFIRMED fields): identical retries replay', async () => {
    let runs = 0;
    const spi = createDouyinSpi({
      scenario: 'fulfilment.order.refund_apply',
      clientSecret: SECRET,
      handler: () => {
        runs += 1;
        return { result: 'pending' };
      },
    });
    const body = JSON.stringify({ order_id: 'o', certificates: [{ certificate_id: 'c1' }] });
    await send(spi, { body });
    await send(spi, { body });
    await send(spi, { body: JSON.stringify({ order_id: 'o', certificates: [{ certificate_id: 'c2' }] }) });
    expect(runs).toBe(2);
  });
});

describe('scenarios without identity are not replayed unless given a key', () => {
  it('预下单 runs every time by default; a custom key turns replay on', async () => {
    let runs = 0;
    const handler = () => {
      runs += 1;
      return { result: 'allow' } as const;
    };
    const plain = createDouyinSpi({ scenario: 'trade.order.pre_create_order', clientSecret: SECRET, handler });
    await send(plain, { body: { order_id: 'p' } });
    await send(plain, { body: { order_id: 'p' } });
    expect(runs).toBe(2);
    const keyed = createDouyinSpi({
      scenario: 'trade.order.pre_create_order',
      clientSecret: SECRET,
      handler,
      idempotency: { key: (order) => order.order_id },
    });
    const req = buildSpiRequest({ secret: SECRET, body: { order_id: 'p' } });
    await keyed.handle({ method: 'POST', url: req.url, headers: req.headers, body: req.body });
    await keyed.handle({ method: 'POST', url: req.url, headers: req.headers, body: req.body });
    expect(runs).toBe(3);
  });
});
