import { describe, expect, it } from 'vitest';
import { createDouyinWebhooks } from '@douyin-push/core';
import { buildPush, sampleContents } from '@douyin-push/core/testing';
import { SECRET } from './helpers';

describe('handleRequest (web Request → Response)', () => {
  const url = 'https://example.com/douyin/webhook';

  it('handles a signed push from a real Request', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET });
    const ids: string[] = [];
    webhooks.on('life_trade_order_notify', (e) => {
      ids.push(e.content.order.order_id);
    });
    const push = buildPush({ event: 'life_trade_order_notify', content: sampleContents.life_trade_order_notify, secret: SECRET });
    const response = await webhooks.handleRequest(new Request(url, { method: 'POST', headers: push.headers, body: push.body }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(ids).toEqual(['1065946966824669548']);
  });

  it('answers 405 with Allow for GET, 413 for a streamed body over the limit', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, maxBodyBytes: 1000 });
    const get = await webhooks.handleRequest(new Request(url));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 100) controller.close();
        else controller.enqueue(new Uint8Array(100));
      },
    });
    const big = await webhooks.handleRequest(new Request(url, { method: 'POST', body: stream, duplex: 'half' } as RequestInit));
    expect(big.status).toBe(413);
    // It stopped reading soon after the limit instead of buffering the whole stream.
    expect(pulled).toBeLessThan(20);
    const declared = await webhooks.handleRequest(
      new Request(url, { method: 'POST', headers: { 'content-length': '5000' }, body: 'x'.repeat(5000) }),
    );
    expect(declared.status).toBe(413);
  });

  it('passes waitUntil through for early acks', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, ack: 'before-handling' });
    const kept: Promise<unknown>[] = [];
    let ran = false;
    webhooks.onAny(async () => {
      ran = true;
    });
    const push = buildPush({ event: 'life_product_status_change', content: sampleContents.life_product_status_change, secret: SECRET });
    const response = await webhooks.handleRequest(new Request(url, { method: 'POST', headers: push.headers, body: push.body }), {
      waitUntil: (p) => kept.push(p),
    });
    expect(response.status).toBe(200);
    expect(kept).toHaveLength(1);
    await kept[0];
    expect(ran).toBe(true);
  });
});
