import { describe, expect, it } from 'vitest';
import { createDouyinWebhooks } from '@douyin-push/core';
import { buildPush, fixtures, signedHeaders } from '@douyin-push/core/testing';

describe('smoke', () => {
  it('handles a signed fixture', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: 's' });
    const seen: string[] = [];
    webhooks.on('life_trade_order_notify', (e) => {
      seen.push(e.content.order.order_id);
    });
    const body = fixtures.life_trade_order_notify;
    const reply = await webhooks.handle({ method: 'POST', headers: signedHeaders(body, 's'), body });
    expect(reply.status).toBe(200);
    expect(seen).toEqual(['1065946966824669548']);
    const again = await webhooks.handle({ method: 'POST', headers: signedHeaders(body, 's'), body });
    expect(again.body).toContain('duplicate');
    const p = buildPush({ event: 'verify_webhook', content: { challenge: 12345 }, secret: 's', contentAs: 'object' });
    const c = await webhooks.handle({ method: 'POST', headers: p.headers, body: p.body });
    expect(c.body).toBe('{"challenge":12345}');
  });
});
