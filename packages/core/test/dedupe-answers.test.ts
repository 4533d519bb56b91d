// A dedupe store may answer with values or promises (issue 14: the memory store answers
// synchronously, so a push awaits nothing for it). Both kinds, and thenables that are not native
// promises, must give the same replies and the same at-most-once runs.
import { describe, expect, it } from 'vitest';
import { createDouyinWebhooks, defaultDedupeKey, memoryDedupe, type DedupeStore, type DouyinAnyEvent } from '@douyin-push/core';
import { buildPush, sampleContents } from '@douyin-push/core/testing';
import { SECRET, deferred } from './helpers';

const push = (msgId = 'msg-1') => ({
  method: 'POST',
  ...buildPush({ event: 'life_trade_order_notify', content: sampleContents.life_trade_order_notify, secret: SECRET, msgId }),
});
const quiet = () => undefined;

/** A thenable that is not a Promise (a store written on another promise library). */
const thenable = <T>(value: T) => ({ then: (ok: (v: T) => unknown) => thenable(ok(value)) }) as unknown as Promise<T>;

/** memoryDedupe behind promises that settle a tick later, counting claims. */
function asyncStore(wrap: <T>(value: T) => Promise<T> = (v) => new Promise((r) => setTimeout(() => r(v), 1))) {
  const inner = memoryDedupe();
  const calls = { claim: 0 };
  const store: DedupeStore = {
    claim: (key) => {
      calls.claim++;
      return wrap(inner.claim(key));
    },
    complete: (key, token) => wrap(inner.complete(key, token)),
    release: (key, token) => wrap(inner.release(key, token)),
  };
  return { store, calls };
}

describe('memoryDedupe answers synchronously', () => {
  it('claim, complete and release return values, not promises', () => {
    const store = memoryDedupe();
    const claim = store.claim('k');
    expect(claim).not.toBeInstanceOf(Promise);
    expect(claim.status).toBe('claimed');
    expect(store.complete('k', (claim as { token: string }).token)).toBeUndefined();
    expect(store.claim('k')).toEqual({ status: 'completed' });
    const other = store.claim('j') as { token: string };
    expect(store.release('j', other.token)).toBeUndefined();
    expect(store.claim('j').status).toBe('claimed');
  });

  it('maxInFlight refuses by throwing at once, and the push gets 503 DEDUPE_UNAVAILABLE without running', async () => {
    const store = memoryDedupe({ maxInFlight: 1 });
    store.claim('held');
    expect(() => store.claim('next')).toThrow(/maxInFlight/);
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, dedupe: store, onError: quiet });
    let runs = 0;
    webhooks.onAny(() => void runs++);
    const reply = await webhooks.handle(push());
    expect(reply.status).toBe(503);
    expect(JSON.parse(reply.body)).toMatchObject({ code: 'DEDUPE_UNAVAILABLE' });
    expect(runs).toBe(0);
  });

  it('a handler that throws synchronously gets 500 and releases the key, so the redelivery runs', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, onError: quiet });
    let runs = 0;
    webhooks.onAny(() => {
      runs++;
      if (runs === 1) throw new Error('database down');
    });
    const request = push();
    expect((await webhooks.handle(request)).status).toBe(500);
    expect((await webhooks.handle(request)).status).toBe(200);
    expect(JSON.parse((await webhooks.handle(request)).body)).toEqual({ ok: true, duplicate: true });
    expect(runs).toBe(2);
  });
});

describe('stores that answer with promises or thenables', () => {
  for (const [kind, wrap] of [
    ['promises a tick later', undefined],
    ['thenables that are not Promises', thenable],
  ] as const) {
    it(`${kind}: handled once, the duplicate answered 200 duplicate`, async () => {
      const { store } = asyncStore(wrap);
      const webhooks = createDouyinWebhooks({ clientSecret: SECRET, dedupe: store });
      let runs = 0;
      webhooks.onAny(async () => void runs++);
      expect(JSON.parse((await webhooks.handle(push())).body)).toEqual({ ok: true });
      expect(JSON.parse((await webhooks.handle(push())).body)).toEqual({ ok: true, duplicate: true });
      expect(runs).toBe(1);
    });
  }

  it('a duplicate that finds the push in flight waits for it, claiming once per poll and never twice at the start', async () => {
    const { store, calls } = asyncStore();
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, dedupe: store });
    const gate = deferred();
    let runs = 0;
    webhooks.onAny(async () => {
      runs++;
      await gate.promise;
    });
    const first = webhooks.handle(push());
    await new Promise((r) => setTimeout(r, 20));
    expect(calls.claim).toBe(1);
    const second = webhooks.handle(push());
    await new Promise((r) => setTimeout(r, 5));
    // The duplicate's own claim said "processing": it sleeps before claiming again.
    expect(calls.claim).toBe(2);
    gate.resolve();
    expect((await first).status).toBe(200);
    expect(JSON.parse((await second).body)).toEqual({ ok: true, duplicate: true });
    expect(runs).toBe(1);
  });

  it('a store whose complete throws synchronously: the push is still 200, and the failure is reported', async () => {
    const inner = memoryDedupe();
    const store: DedupeStore = {
      claim: (key) => inner.claim(key),
      complete: () => {
        throw new Error('disk full');
      },
      release: (key, token) => inner.release(key, token),
    };
    const codes: string[] = [];
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, dedupe: store, onError: (e) => void codes.push(e.code) });
    webhooks.onAny(() => undefined);
    expect((await webhooks.handle(push())).status).toBe(200);
    expect(codes).toEqual(['DEDUPE_UNAVAILABLE']);
  });

  it('a store whose claim throws synchronously: 503, no handler', async () => {
    const store: DedupeStore = {
      claim: () => {
        throw new Error('ECONNREFUSED');
      },
      complete: () => undefined,
      release: () => undefined,
    };
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, dedupe: store, onError: quiet });
    let runs = 0;
    webhooks.onAny(() => void runs++);
    const reply = await webhooks.handle(push());
    expect(reply.status).toBe(503);
    expect(runs).toBe(0);
  });
});

describe('defaultDedupeKey', () => {
  const event = (over: Partial<DouyinAnyEvent>) =>
    ({
      clientKey: 'aw1',
      name: 'life_trade_certificate_notify',
      msgId: 'm-1',
      envelope: { content: '{"action":"verify"}' },
      rawBody: new Uint8Array(),
      ...over,
    }) as unknown as DouyinAnyEvent;

  it('is the Msg-Id and 16 hex of a digest over client_key, name and content', () => {
    expect(defaultDedupeKey(event({}))).toMatch(/^m-1:[0-9a-f]{16}$/);
  });

  it('differs when any of client_key, name or content differs, and not otherwise', () => {
    const base = defaultDedupeKey(event({}));
    expect(defaultDedupeKey(event({}))).toBe(base);
    expect(defaultDedupeKey(event({ clientKey: 'aw2' }))).not.toBe(base);
    expect(defaultDedupeKey(event({ name: 'life_trade_order_notify' }))).not.toBe(base);
    expect(defaultDedupeKey(event({ envelope: { content: '{"action":"verify_cancel"}' } } as never))).not.toBe(base);
    // Length-prefixed inside the digest: moving characters between client_key and name changes the key.
    expect(defaultDedupeKey(event({ clientKey: 'aw1l', name: 'ife_trade_certificate_notify' }))).not.toBe(base);
  });
});
