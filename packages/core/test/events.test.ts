import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { createDouyinWebhooks, eventSchemas, openEnum, type DouyinAnyEvent } from '@douyin-push/core';
import { buildPush, sampleContents } from '@douyin-push/core/testing';
import { SECRET } from './helpers';

function collect(options: Partial<Parameters<typeof createDouyinWebhooks>[0]> = {}) {
  const webhooks = createDouyinWebhooks({ clientSecret: SECRET, onSchemaMismatch: () => {}, ...options });
  const events: DouyinAnyEvent[] = [];
  webhooks.onAny((e) => {
    events.push(e);
  });
  return { webhooks, events };
}
const send = <E extends string>(w: ReturnType<typeof createDouyinWebhooks>, event: E, content: unknown, extra: object = {}) =>
  w.handle({ method: 'POST', ...buildPush({ event, content: content as never, secret: SECRET, ...extra }) });

describe('events', () => {
  it.each(Object.keys(sampleContents) as (keyof typeof eventSchemas)[])(
    '%s: its sample content passes its schema and is delivered',
    async (name) => {
      const { webhooks, events } = collect();
      expect((await send(webhooks, name, sampleContents[name])).status).toBe(200);
      expect(events[0]).toMatchObject({ name, schemaIssues: undefined });
      expect(eventSchemas[name].safeParse(sampleContents[name]).success).toBe(true);
    },
  );

  it('delivers an unknown event to onAny with its content, and 200', async () => {
    const { webhooks, events } = collect();
    const reply = await send(webhooks, 'life_brand_new_event', { anything: [1, 2] });
    expect(reply.status).toBe(200);
    expect(events[0]).toMatchObject({ name: 'life_brand_new_event', content: { anything: [1, 2] }, schemaIssues: undefined });
  });

  it('delivers an unseen enum value and action, keeps unknown fields, flags nothing', async () => {
    const { webhooks, events } = collect();
    const seen: string[] = [];
    webhooks.on('life_trade_certificate_notify', (e) => {
      seen.push(e.content.action);
    });
    webhooks.on('life_trade_certificate_notify.verify', () => {
      seen.push('verify-handler');
    });
    const content = { ...sampleContents.life_trade_certificate_notify, action: 'verify_partial', brand_new: { x: 1 } };
    expect((await send(webhooks, 'life_trade_certificate_notify', content)).status).toBe(200);
    expect(seen).toEqual(['verify_partial']);
    expect(events[0]).toMatchObject({ action: 'verify_partial', content: { brand_new: { x: 1 } }, schemaIssues: undefined });
    const audit = await send(webhooks, 'life_product_common_audit', { product_id: '1', status: 'REVIEWING' });
    expect(audit.status).toBe(200);
    expect(events[1]).toMatchObject({ content: { status: 'REVIEWING' }, schemaIssues: undefined });
  });

  it('routes action-scoped names only to their action', async () => {
    const { webhooks } = collect();
    const calls: string[] = [];
    webhooks.on('life_trade_certificate_notify.verify', () => {
      calls.push('verify');
    });
    webhooks.on('life_trade_certificate_notify.refund_success', () => {
      calls.push('refund');
    });
    webhooks.on(['life_trade_certificate_notify', 'life_trade_order_notify'], (e) => {
      calls.push(`any:${e.name}`);
    });
    await send(webhooks, 'life_trade_certificate_notify', { ...sampleContents.life_trade_certificate_notify, action: 'refund_success' });
    await send(webhooks, 'life_trade_order_notify', sampleContents.life_trade_order_notify);
    expect(calls.sort()).toEqual(['any:life_trade_certificate_notify', 'any:life_trade_order_notify', 'refund']);
  });

  it('treats event names of Object.prototype keys as unknown events: the name stays the string sent', async () => {
    const warnings: string[] = [];
    const { webhooks, events } = collect({ onError: (e) => void warnings.push(e.code) });
    webhooks.on('toString' as never, () => undefined);
    expect(warnings).toEqual(['UNKNOWN_EVENT_NAME']);
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect((await send(webhooks, name, { a: 1 })).status).toBe(200);
    }
    expect(events.map((e) => [typeof e.name, e.name, e.content])).toEqual([
      ['string', 'constructor', { a: 1 }],
      ['string', 'toString', { a: 1 }],
      ['string', '__proto__', { a: 1 }],
      ['string', 'hasOwnProperty', { a: 1 }],
    ]);
  });

  it('off() removes an action-scoped handler', async () => {
    const { webhooks } = collect();
    let verified = 0;
    const handler = () => void verified++;
    webhooks.on('life_trade_certificate_notify.verify', handler);
    await send(webhooks, 'life_trade_certificate_notify', sampleContents.life_trade_certificate_notify);
    webhooks.off('life_trade_certificate_notify.verify', handler);
    await send(webhooks, 'life_trade_certificate_notify', sampleContents.life_trade_certificate_notify);
    expect(verified).toBe(1);
  });

  it('off() and the returned unsubscribe remove handlers', async () => {
    const { webhooks } = collect();
    let a = 0;
    let b = 0;
    const handlerA = () => {
      a++;
    };
    webhooks.on('life_trade_order_notify', handlerA);
    const stopB = webhooks.on('life_trade_order_notify', () => {
      b++;
    });
    webhooks.off('life_trade_order_notify', handlerA);
    stopB();
    await send(webhooks, 'life_trade_order_notify', sampleContents.life_trade_order_notify);
    expect([a, b]).toEqual([0, 0]);
  });

  it('delivers content that does not match its schema, flagged with the issues, and reports it', async () => {
    const mismatch = vi.fn();
    const { webhooks, events } = collect({ onSchemaMismatch: mismatch });
    const reply = await send(webhooks, 'life_trade_order_notify', { action: 'pay_success', order: { order_id: 5 } });
    expect(reply.status).toBe(200);
    expect(events[0]!.content).toEqual({ action: 'pay_success', order: { order_id: 5 } });
    expect(events[0]!.schemaIssues?.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['msg_time', 'order.account_id']));
    expect(mismatch).toHaveBeenCalledOnce();
  });

  it('parses leniently: numeric strings and numeric ids', async () => {
    const { webhooks, events } = collect();
    const content = {
      action: 'pay_success',
      msg_time: '1722175826',
      order: { order_id: 1, account_id: '2', pay_amount: '100', original_amount: 100, create_time: 1, pay_time: 2 },
    };
    await send(webhooks, 'life_trade_order_notify', content);
    expect(events[0]).toMatchObject({
      content: { msg_time: 1722175826, order: { order_id: '1', pay_amount: 100 } },
      schemaIssues: undefined,
    });
  });

  it('flags an action that is not a string: openEnum accepts any string and nothing else', async () => {
    const { webhooks, events } = collect();
    await send(webhooks, 'life_trade_certificate_notify', { ...sampleContents.life_trade_certificate_notify, action: 7 });
    expect(events[0]!.action).toBeUndefined();
    expect(events[0]!.schemaIssues?.map((i) => i.path.join('.'))).toEqual(['action']);
    const status = openEnum(['PASS', 'FAIL']);
    expect([status.safeParse('PASS').data, status.safeParse('REVIEWING').data]).toEqual(['PASS', 'REVIEWING']);
    expect(status.safeParse(null).success).toBe(false);
  });

  it("accepts the seed's spelling life_hermes_axte_after_sale_audit as the documented event", async () => {
    const { webhooks } = collect();
    const got: string[] = [];
    webhooks.on('life_hermes_akte_after_sale_audit', (e) => {
      got.push(`${e.name}:${e.envelope.event}:${e.content.certificate_id}`);
    });
    await send(webhooks, 'life_hermes_axte_after_sale_audit', sampleContents.life_hermes_akte_after_sale_audit);
    expect(got).toEqual(['life_hermes_akte_after_sale_audit:life_hermes_axte_after_sale_audit:7212557509230723106']);
  });

  it('validates events added through the schemas option', async () => {
    const { webhooks, events } = collect({ schemas: { life_member_join: z.looseObject({ account_id: z.string() }) } });
    await send(webhooks, 'life_member_join', { account_id: 7 });
    expect(events[0]!.schemaIssues?.[0]?.path).toEqual(['account_id']);
  });

  it('keeps unknown envelope fields and exposes from_user_id', async () => {
    const { webhooks, events } = collect();
    const body = JSON.stringify({ event: 'x_new', client_key: 'k', content: '{}', log_id: 'l', from_user_id: 'u', event_id: 'e1' });
    const { signedHeaders } = await import('@douyin-push/core/testing');
    await webhooks.handle({ method: 'POST', headers: signedHeaders(body, SECRET), body });
    expect(events[0]!.envelope).toMatchObject({ from_user_id: 'u', event_id: 'e1' });
  });
});

describe('clientSecret as a function of client_key', () => {
  const apps: Record<string, string> = { app_a: 'secret-a', app_b: 'secret-b' };
  const lookup = async (clientKey: string) => (clientKey === '' ? Object.values(apps) : apps[clientKey]);

  it('verifies each app with its own secret and refuses a push signed with another app’s', async () => {
    const reported: string[] = [];
    const webhooks = createDouyinWebhooks({ clientSecret: lookup, onError: (error) => void reported.push(error.message) });
    const ok = buildPush({
      event: 'life_trade_order_notify',
      content: sampleContents.life_trade_order_notify,
      secret: 'secret-b',
      clientKey: 'app_b',
    });
    expect((await webhooks.handle({ method: 'POST', ...ok })).status).toBe(200);
    const crossed = buildPush({
      event: 'life_trade_order_notify',
      content: sampleContents.life_trade_order_notify,
      secret: 'secret-a',
      clientKey: 'app_b',
    });
    expect((await webhooks.handle({ method: 'POST', ...crossed })).status).toBe(401);
    const unknown = buildPush({ event: 'life_trade_order_notify', content: {}, secret: 'secret-a', clientKey: 'app_zzz' });
    const reply = await webhooks.handle({ method: 'POST', ...unknown });
    expect(reply.status).toBe(401);
    expect(reported.at(-1)).toMatch(/No client secret is configured for client_key "app_zzz"/);
  });

  it('gets the real client_key of a verify_webhook when Douyin fills it in (as production does)', async () => {
    const asked: string[] = [];
    const webhooks = createDouyinWebhooks({ clientSecret: (key) => (asked.push(key), apps[key]) });
    const challenge = buildPush({
      event: 'verify_webhook',
      clientKey: 'app_a',
      content: { challenge: 1768378043 },
      secret: 'secret-a',
      contentAs: 'object',
    });
    expect((await webhooks.handle({ method: 'POST', ...challenge })).body).toBe('{"challenge":1768378043}');
    expect(asked).toEqual(['app_a']);
  });

  it('receives "" for verify_webhook and may answer with every secret', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: lookup });
    const challenge = buildPush({
      event: 'verify_webhook',
      clientKey: '',
      content: { challenge: 3 },
      secret: 'secret-b',
      contentAs: 'object',
    });
    expect((await webhooks.handle({ method: 'POST', ...challenge })).body).toBe('{"challenge":3}');
  });
});
