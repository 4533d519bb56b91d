import { describe, expect, it } from 'vitest';
import { createDouyinWebhooks, memoryDedupe, type DedupeStore } from '@douyin-push/core';
import { buildPush, sampleContents } from '@douyin-push/core/testing';
import { SECRET, deferred } from './helpers';

const push = (msgId = 'msg-1', clientKey = 'aw_test_client') => ({
  method: 'POST',
  ...buildPush({ event: 'life_trade_order_notify', content: sampleContents.life_trade_order_notify, secret: SECRET, msgId, clientKey }),
});

// These tests fail a handler on purpose: their reports are expected, not printed.
const expectedFailure = () => undefined;

describe('dedupe in the pipeline', () => {
  it('answers a completed duplicate 200 without running handlers again', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET });
    let runs = 0;
    webhooks.on('life_trade_order_notify', () => {
      runs++;
    });
    const first = push();
    expect((await webhooks.handle(first)).status).toBe(200);
    const second = await webhooks.handle(first);
    expect(second.status).toBe(200);
    expect(JSON.parse(second.body)).toEqual({ ok: true, duplicate: true });
    expect(runs).toBe(1);
  });

  it('keys by client_key: the same Msg-Id from two apps is two messages', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET });
    let runs = 0;
    webhooks.onAny(() => {
      runs++;
    });
    await webhooks.handle(push('m', 'app-a'));
    await webhooks.handle(push('m', 'app-b'));
    expect(runs).toBe(2);
  });

  it('falls back to body msg_id, then to a digest of the body', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET });
    const ids: string[] = [];
    webhooks.onAny((e) => {
      ids.push(e.msgId);
    });
    const withBodyId = push('body-id');
    delete (withBodyId.headers as Record<string, string>)['msg-id'];
    await webhooks.handle(withBodyId);
    const noId = {
      method: 'POST',
      ...buildPush({ event: 'life_product_status_change', content: { product_id: '1', status: 'GOODS_BAN' }, secret: SECRET, msgId: null }),
    };
    await webhooks.handle(noId);
    await webhooks.handle(noId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe('body-id');
    expect(ids[1]).toMatch(/^sha1:[0-9a-f]{40}$/);
  });

  it('releases the key when a handler fails, so the redelivery runs and succeeds', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, onError: expectedFailure });
    let attempts = 0;
    webhooks.on('life_trade_order_notify', () => {
      attempts++;
      if (attempts === 1) throw new Error('flaky');
    });
    const request = push();
    expect((await webhooks.handle(request)).status).toBe(500);
    expect((await webhooks.handle(request)).status).toBe(200);
    expect((await webhooks.handle(request)).status).toBe(200);
    expect(attempts).toBe(2);
  });

  it('a duplicate arriving while the first is in flight waits for it: 200 once it succeeded, no second run', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET });
    const gate = deferred();
    let runs = 0;
    webhooks.on('life_trade_order_notify', async () => {
      runs++;
      await gate.promise;
    });
    const request = push();
    const first = webhooks.handle(request);
    await new Promise((r) => setTimeout(r, 20));
    const second = webhooks.handle(request);
    await new Promise((r) => setTimeout(r, 60));
    gate.resolve();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect(runs).toBe(1);
  });

  it('if the in-flight first attempt fails, the waiting duplicate takes over and runs once: never a 200 for unhandled work', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, onError: expectedFailure });
    const gate = deferred();
    const outcomes: string[] = [];
    webhooks.on('life_trade_order_notify', async () => {
      if (outcomes.length === 0) {
        outcomes.push('first-started');
        await gate.promise;
        throw new Error('first fails');
      }
      outcomes.push('second-ran');
    });
    const request = push();
    const first = webhooks.handle(request);
    await new Promise((r) => setTimeout(r, 20));
    const second = webhooks.handle(request);
    await new Promise((r) => setTimeout(r, 60));
    gate.resolve();
    expect((await first).status).toBe(500);
    expect((await second).status).toBe(200);
    expect(outcomes).toEqual(['first-started', 'second-ran']);
  });

  it('answers 409 to a duplicate when the first is still running after inFlightWaitMs', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, inFlightWaitMs: 50 });
    const gate = deferred();
    webhooks.on('life_trade_order_notify', () => gate.promise);
    const request = push();
    const first = webhooks.handle(request);
    const second = await webhooks.handle(request);
    expect(second.status).toBe(409);
    expect(JSON.parse(second.body)).toMatchObject({ code: 'DUPLICATE_IN_FLIGHT' });
    gate.resolve();
    expect((await first).status).toBe(200);
  });

  it('answers 503 when handlers overrun timeoutMs, keeps the claim, and answers the retry from their outcome', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, timeoutMs: 40, inFlightWaitMs: 10, onError: expectedFailure });
    const gate = deferred();
    let runs = 0;
    webhooks.on('life_trade_order_notify', async () => {
      runs++;
      await gate.promise;
    });
    const request = push();
    const first = await webhooks.handle(request);
    expect(first.status).toBe(503);
    expect(JSON.parse(first.body)).toMatchObject({ code: 'HANDLER_TIMEOUT' });
    // Douyin's retry while the handler is still running: not 200, not a second run.
    expect((await webhooks.handle(request)).status).toBe(409);
    gate.resolve();
    await new Promise((r) => setTimeout(r, 10));
    expect((await webhooks.handle(request)).status).toBe(200);
    expect(runs).toBe(1);
  });

  it('fails closed when the store is down: 503 and no handler', async () => {
    const broken: DedupeStore = {
      claim: () => Promise.reject(new Error('ECONNREFUSED')),
      complete: () => Promise.resolve(),
      release: () => Promise.resolve(),
    };
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, dedupe: broken, onError: expectedFailure });
    let runs = 0;
    webhooks.onAny(() => {
      runs++;
    });
    const reply = await webhooks.handle(push());
    expect(reply.status).toBe(503);
    expect(JSON.parse(reply.body)).toMatchObject({ code: 'DEDUPE_UNAVAILABLE' });
    expect(runs).toBe(0);
  });

  it('with dedupe: false, every delivery runs', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, dedupe: false });
    let runs = 0;
    webhooks.onAny(() => {
      runs++;
    });
    await webhooks.handle(push());
    await webhooks.handle(push());
    expect(runs).toBe(2);
  });

  it("ack: 'before-handling' answers 200 first and hands the work to waitUntil; failures reach onError", async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, ack: 'before-handling' });
    const gate = deferred();
    const kept: Promise<unknown>[] = [];
    const errors: string[] = [];
    webhooks.on('life_trade_order_notify', async () => {
      await gate.promise;
      throw new Error('late failure');
    });
    webhooks.onError((e) => {
      errors.push(e.code);
    });
    const reply = await webhooks.handle({ ...push(), waitUntil: (p) => kept.push(p) });
    expect(reply.status).toBe(200);
    expect(kept).toHaveLength(1);
    expect(errors).toEqual([]);
    gate.resolve();
    await kept[0];
    expect(errors).toEqual(['HANDLER_FAILED']);
  });
});

describe('memoryDedupe', () => {
  it('moves absent → processing → completed, and only the holder of the token completes or releases', async () => {
    const store = memoryDedupe();
    const a = await store.claim('k');
    expect(a.status).toBe('claimed');
    expect((await store.claim('k')).status).toBe('processing');
    await store.release('k', 'not-the-token');
    expect((await store.claim('k')).status).toBe('processing');
    await store.complete('k', (a as { token: string }).token);
    expect((await store.claim('k')).status).toBe('completed');
  });

  it('release lets the next claim in', async () => {
    const store = memoryDedupe();
    const a = (await store.claim('k')) as { token: string };
    await store.release('k', a.token);
    const b = await store.claim('k');
    expect(b.status).toBe('claimed');
    expect((b as { token: string }).token).not.toBe(a.token);
  });

  it('lets a processing claim expire after processingTtlMs, and a late complete of the old claim does nothing', async () => {
    const store = memoryDedupe({ processingTtlMs: 20 });
    const old = (await store.claim('k')) as { token: string };
    await new Promise((r) => setTimeout(r, 40));
    const fresh = await store.claim('k');
    expect(fresh.status).toBe('claimed');
    await store.complete('k', old.token);
    expect((await store.claim('k')).status).toBe('processing');
  });

  it('forgets completed ids after ttlMs', async () => {
    const store = memoryDedupe({ ttlMs: 20 });
    const c = (await store.claim('k')) as { token: string };
    await store.complete('k', c.token);
    expect((await store.claim('k')).status).toBe('completed');
    await new Promise((r) => setTimeout(r, 40));
    expect((await store.claim('k')).status).toBe('claimed');
  });

  it('never evicts a claim whose key sat in the ring from before its TTL ran out', async () => {
    const store = memoryDedupe({ max: 2, ttlMs: 20 });
    const first = store.claim('k') as { token: string };
    store.complete('k', first.token);
    await new Promise((r) => setTimeout(r, 40));
    // Expired: claimed again, and running while newer ids push its old ring slot out.
    const again = store.claim('k') as { status: string; token: string };
    expect(again.status).toBe('claimed');
    for (const id of ['a', 'b', 'c']) store.complete(id, (store.claim(id) as { token: string }).token);
    expect(store.claim('k').status).toBe('processing');
    store.complete('k', again.token);
    expect(store.claim('k').status).toBe('completed');
    expect(store.size).toBe(2);
  });

  it('stays within max', async () => {
    const store = memoryDedupe({ max: 100 });
    for (let i = 0; i < 1000; i++) {
      const c = (await store.claim(`k${i}`)) as { token: string };
      await store.complete(`k${i}`, c.token);
    }
    expect(store.size).toBe(100);
    expect((await store.claim('k999')).status).toBe('completed');
    expect((await store.claim('k0')).status).toBe('claimed');
  });

  it('refuses a non-positive max', () => {
    expect(() => memoryDedupe({ max: 0 })).toThrow(/max/);
  });
});
