import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createDouyinWebhooks, type DouyinAnyEvent } from '@douyin-push/core';
import { fixtures, signedHeaders, type FixtureName } from '@douyin-push/core/testing';
import { SECRET, fixturesDir, post } from './helpers';

const names = Object.keys(fixtures) as FixtureName[];

describe('seed samples', () => {
  it('covers every raw sample in test/fixtures', () => {
    expect(names.sort()).toEqual([
      'life_product_common_audit',
      'life_product_status_change',
      'life_trade_certificate_notify',
      'life_trade_order_notify',
    ]);
  });

  it.each(names)('%s: the test-kit copy equals the raw sample file byte for byte', (name) => {
    expect(Buffer.from(fixtures[name], 'utf8')).toEqual(readFileSync(`${fixturesDir}${name}.json`));
  });

  it.each(names)('%s: verified, parsed and delivered as a typed event without schema issues', async (name) => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET });
    const seen: DouyinAnyEvent[] = [];
    webhooks.onAny((event) => {
      seen.push(event);
    });
    const body = fixtures[name];
    const reply = await webhooks.handle(post(body, signedHeaders(body, SECRET)));
    expect(reply.status).toBe(200);
    expect(seen).toHaveLength(1);
    const event = seen[0]!;
    const envelope = JSON.parse(body) as { event: string; client_key: string; log_id: string; content: string };
    expect(event.name).toBe(name);
    expect(event.clientKey).toBe(envelope.client_key);
    expect(event.logId).toBe(envelope.log_id);
    expect(event.content).toEqual(JSON.parse(envelope.content));
    expect(event.schemaIssues).toBeUndefined();
    expect(Buffer.from(event.rawBody).toString('utf8')).toBe(body);
  });

  it('gives typed content per event, without casts', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET });
    const got: Record<string, unknown> = {};
    webhooks.on('life_trade_certificate_notify', (event) => {
      expectTypeOf(event.content.certificate.certificate_id).toEqualTypeOf<string>();
      got.certificate = event.content.certificate.certificate_id;
      got.action = event.action;
    });
    webhooks.on('life_trade_order_notify.pay_success', (event) => {
      expectTypeOf(event.content.order.pay_amount).toEqualTypeOf<number>();
      got.amount = event.content.order.pay_amount;
    });
    webhooks.on('life_product_common_audit', (event) => {
      got.audit = event.content.status;
    });
    webhooks.on('life_product_status_change', (event) => {
      got.status = event.content.status;
    });
    for (const name of names) {
      const body = fixtures[name];
      expect((await webhooks.handle(post(body, signedHeaders(body, SECRET)))).status).toBe(200);
    }
    expect(got).toEqual({ certificate: '456', action: 'verify', amount: 100, audit: 'PASS', status: 'GOODS_ONLINE' });
  });
});
