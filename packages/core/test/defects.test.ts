// Defects an attack run over real sockets found (issue 10 §7, issue 11): each test failed on the
// code before the fix.
import { describe, expect, it } from 'vitest';
import { createDouyinWebhooks, memoryDedupe, type DouyinAnyEvent } from '@douyin-push/core';
import { buildPush, sampleContents, signedHeaders } from '@douyin-push/core/testing';
import { SECRET, deferred, post } from './helpers';

const certificate = (action: string, verifyTime: number) => ({
  ...sampleContents.life_trade_certificate_notify,
  action,
  certificate: { ...sampleContents.life_trade_certificate_notify.certificate, code: String(verifyTime) },
});

describe('a signed push without content', () => {
  it('is delivered with content undefined and flagged, not refused', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, onSchemaMismatch: () => undefined });
    const seen: DouyinAnyEvent[] = [];
    webhooks.onAny((event) => void seen.push(event));
    const body = JSON.stringify({ event: 'life_trade_order_notify', client_key: 'aw1', log_id: 'l1' });
    const reply = await webhooks.handle(post(body, signedHeaders(body, SECRET, { msgId: 'm-no-content' })));
    expect(reply.status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.content).toBeUndefined();
    expect(seen[0]!.schemaIssues?.length).toBeGreaterThan(0);
  });
});

describe('one deadline per request, from its arrival', () => {
  it('a duplicate that waited for a failing first attempt does not get a fresh timeoutMs for its own run', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, timeoutMs: 300, onError: () => undefined });
    const firstFails = deferred();
    let calls = 0;
    webhooks.on('life_trade_order_notify', async () => {
      calls++;
      if (calls === 1) {
        await firstFails.promise;
        throw new Error('db down');
      }
      // The second run ends 250 ms after it starts: past the duplicate's own deadline (it
      // arrived ~0 ms, waited 200 ms), within a fresh 300 ms budget.
      await new Promise((r) => setTimeout(r, 250));
    });
    const push = buildPush({ event: 'life_trade_order_notify', content: sampleContents.life_trade_order_notify, secret: SECRET });
    const first = webhooks.handle({ method: 'POST', ...push });
    const second = webhooks.handle({ method: 'POST', ...push });
    setTimeout(() => firstFails.resolve(), 200);
    expect((await first).status).toBe(500);
    const reply = await second;
    expect(calls).toBe(2);
    // Before the fix: 200 (its handlers got a fresh 300 ms). Now: 503, answered at its arrival + 300 ms.
    expect(reply.status).toBe(503);
    expect(reply.errorCode).toBe('HANDLER_TIMEOUT');
  });
});

describe('memoryDedupe under load', () => {
  it('never lets completed ids evict in-flight claims: 150 in flight with max 100, duplicates run nothing', async () => {
    const webhooks = createDouyinWebhooks({
      clientSecret: SECRET,
      dedupe: memoryDedupe({ max: 100 }),
      inFlightWaitMs: 1,
      onError: () => undefined,
    });
    const gate = deferred();
    const runs = new Map<string, number>();
    webhooks.on('life_product_status_change', async (event) => {
      runs.set(event.msgId, (runs.get(event.msgId) ?? 0) + 1);
      await gate.promise;
    });
    const pushes = Array.from({ length: 150 }, (_, i) =>
      buildPush({ event: 'life_product_status_change', content: { product_id: String(i), status: 'ON' }, secret: SECRET, msgId: `m-${i}` }),
    );
    const firsts = pushes.map((p) => webhooks.handle({ method: 'POST', ...p }));
    // Some other pushes complete meanwhile and fill the completed-id cache.
    const others = Array.from({ length: 200 }, (_, i) =>
      buildPush({ event: 'life_product_status_change', content: { product_id: `o${i}`, status: 'ON' }, secret: SECRET, msgId: `o-${i}` }),
    );
    webhooks.on('life_product_status_change', () => undefined);
    const duplicates = await Promise.all(pushes.map((p) => webhooks.handle({ method: 'POST', ...p })));
    expect(duplicates.every((r) => r.status === 409)).toBe(true);
    gate.resolve();
    await Promise.all([...firsts, ...others.map((p) => webhooks.handle({ method: 'POST', ...p }))]);
    expect([...runs.entries()].filter(([id, n]) => id.startsWith('m-') && n !== 1)).toEqual([]);
  });

  it('refuses with 503 when maxInFlight claims are held (bounded), and Douyin retries', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, dedupe: memoryDedupe({ maxInFlight: 2 }), onError: () => undefined });
    const gate = deferred();
    webhooks.on('life_product_status_change', () => gate.promise);
    const push = (i: number) =>
      buildPush({ event: 'life_product_status_change', content: { product_id: String(i), status: 'ON' }, secret: SECRET });
    const running = [webhooks.handle({ method: 'POST', ...push(1) }), webhooks.handle({ method: 'POST', ...push(2) })];
    const third = await webhooks.handle({ method: 'POST', ...push(3) });
    expect(third.status).toBe(503);
    expect(third.errorCode).toBe('DEDUPE_UNAVAILABLE');
    gate.resolve();
    expect((await Promise.all(running)).map((r) => r.status)).toEqual([200, 200]);
  });
});

describe('dedupe identity', () => {
  it('encodes its parts: client_key "aw1:x" + Msg-Id "y" and client_key "aw1" + Msg-Id "x:y" are two pushes', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET });
    let runs = 0;
    webhooks.onAny(() => void runs++);
    const content = sampleContents.life_product_status_change;
    const a = buildPush({ event: 'life_product_status_change', content, secret: SECRET, clientKey: 'aw1:x', msgId: 'y' });
    const b = buildPush({ event: 'life_product_status_change', content, secret: SECRET, clientKey: 'aw1', msgId: 'x:y' });
    expect((await webhooks.handle({ method: 'POST', ...a })).body).toBe('{"ok":true}');
    expect((await webhooks.handle({ method: 'POST', ...b })).body).toBe('{"ok":true}');
    expect(runs).toBe(2);
  });

  it('the same Msg-Id carrying two distinct pushes (verify, cancel, verify again) runs all three; a true redelivery runs once', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET });
    const seen: string[] = [];
    webhooks.on('life_trade_certificate_notify', (event) => void seen.push(`${event.action}@${event.content.certificate.code}`));
    const msgId = 'same-entity-same-action';
    const verify = buildPush({ event: 'life_trade_certificate_notify', content: certificate('verify', 100), secret: SECRET, msgId });
    const cancel = buildPush({
      event: 'life_trade_certificate_notify',
      content: certificate('verify_cancel', 100),
      secret: SECRET,
      msgId: 'other',
    });
    const verifyAgain = buildPush({ event: 'life_trade_certificate_notify', content: certificate('verify', 200), secret: SECRET, msgId });
    for (const push of [verify, verify, cancel, verifyAgain, verifyAgain]) await webhooks.handle({ method: 'POST', ...push });
    expect(seen).toEqual(['verify@100', 'verify_cancel@100', 'verify@200']);
  });

  it('dedupeKey can choose Msg-Id alone (then a reused Msg-Id is dropped: the documented trade-off)', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, dedupeKey: (event) => JSON.stringify([event.clientKey, event.msgId]) });
    let runs = 0;
    webhooks.onAny(() => void runs++);
    const msgId = 'm-1';
    const one = buildPush({ event: 'life_trade_certificate_notify', content: certificate('verify', 100), secret: SECRET, msgId });
    const two = buildPush({ event: 'life_trade_certificate_notify', content: certificate('verify', 200), secret: SECRET, msgId });
    await webhooks.handle({ method: 'POST', ...one });
    const reply = await webhooks.handle({ method: 'POST', ...two });
    expect(JSON.parse(reply.body)).toEqual({ ok: true, duplicate: true });
    expect(runs).toBe(1);
  });
});

describe('event names', () => {
  it('warns at registration for a name that is not a known event (a typo would lose pushes silently)', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET });
    const warnings: string[] = [];
    webhooks.onError((error) => void warnings.push(`${error.code}:${error.warning}`));
    webhooks.on('life_trade_order_notfy' as never, () => undefined);
    webhooks.on('life_trade_order_notify.pay_success', () => undefined);
    expect(warnings).toEqual(['UNKNOWN_EVENT_NAME:true']);
  });

  it('does not warn for an event declared through `schemas`', async () => {
    const { z } = await import('zod');
    const webhooks = createDouyinWebhooks({
      clientSecret: SECRET,
      schemas: { life_member_join: z.looseObject({ account_id: z.string() }) },
    });
    const warnings: string[] = [];
    webhooks.onError((error) => void warnings.push(error.code));
    webhooks.on('life_member_join' as never, () => undefined);
    expect(warnings).toEqual([]);
  });

  it('reports an authentic push that reached no handler, once per event name', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET });
    const reported: string[] = [];
    webhooks.onError((error, context) => void reported.push(`${error.code}:${context.event}`));
    webhooks.on('life_trade_order_notfy' as never, () => undefined);
    reported.length = 0;
    for (let i = 0; i < 3; i++) {
      const push = buildPush({ event: 'life_trade_order_notify', content: sampleContents.life_trade_order_notify, secret: SECRET });
      expect((await webhooks.handle({ method: 'POST', ...push })).status).toBe(200);
    }
    expect(reported).toEqual(['UNHANDLED_EVENT:life_trade_order_notify']);
  });
});

describe('error context', () => {
  it('has the Msg-Id as sent on a 4xx before verification (claimedMsgId), and verified fields only after', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET });
    const contexts: unknown[] = [];
    webhooks.onError((_error, context) => void contexts.push(context));
    const forged = buildPush({
      event: 'life_trade_order_notify',
      content: {},
      secret: SECRET,
      msgId: 'm-forged',
      clientKey: 'evil',
      signature: { forgeWith: 'x' },
    });
    await webhooks.handle({ method: 'POST', ...forged });
    expect(contexts[0]).toEqual({ source: 'push', verified: false, claimedMsgId: 'm-forged' });
  });
});
