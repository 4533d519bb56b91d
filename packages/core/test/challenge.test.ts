import { describe, expect, it } from 'vitest';
import { createDouyinWebhooks, sign } from '@douyin-push/core';
import { buildPush } from '@douyin-push/core/testing';
import { SECRET } from './helpers';

describe('verify_webhook', () => {
  it.each([
    ['object content, number challenge', 'object', 12345, '{"challenge":12345}'],
    ['string content, number challenge', 'string', 12345, '{"challenge":12345}'],
    ['string content, string challenge', 'string', 'abc', '{"challenge":"abc"}'],
    ['object content, large number', 'object', 9007199254740991, '{"challenge":9007199254740991}'],
  ] as const)('%s → 200 with the same value and JSON type', async (_name, contentAs, challenge, expected) => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET });
    let ran = 0;
    webhooks.onAny(() => {
      ran++;
    });
    const push = buildPush({ event: 'verify_webhook', clientKey: '', content: { challenge }, secret: SECRET, contentAs });
    const reply = await webhooks.handle({ method: 'POST', ...push });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(reply.body).toBe(expected);
    expect(ran).toBe(0);
  });

  it('passes the known-answer vector body (signed, client_key "abc")', async () => {
    const body = '{"event":"verify_webhook","client_key":"abc","content":{"challenge":12345}}';
    const webhooks = createDouyinWebhooks({ clientSecret: 'test_secret_123' });
    const reply = await webhooks.handle({
      method: 'POST',
      headers: { 'x-douyin-signature': 'fb7f0bfec5efd2fabbe803e03bfc6b0a186258e3' },
      body,
    });
    expect(reply).toMatchObject({ status: 200, body: '{"challenge":12345}' });
  });

  it('is not deduplicated: the console may check the URL twice with the same body', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET });
    const push = buildPush({ event: 'verify_webhook', content: { challenge: 7 }, secret: SECRET, msgId: 'same' });
    for (let i = 0; i < 2; i++) expect((await webhooks.handle({ method: 'POST', ...push })).body).toBe('{"challenge":7}');
  });

  it('refuses an unsigned or forged challenge by default (401) and answers an unsigned one when allowed', async () => {
    const unsigned = buildPush({ event: 'verify_webhook', content: { challenge: 1 }, secret: SECRET, signature: 'missing' });
    const forged = buildPush({ event: 'verify_webhook', content: { challenge: 1 }, secret: SECRET, signature: { forgeWith: 'x' } });
    const strict = createDouyinWebhooks({ clientSecret: SECRET });
    expect((await strict.handle({ method: 'POST', ...unsigned })).status).toBe(401);
    const lenient = createDouyinWebhooks({ clientSecret: SECRET, allowUnsignedChallenge: true });
    expect((await lenient.handle({ method: 'POST', ...unsigned })).body).toBe('{"challenge":1}');
    // A signature that is present is still checked.
    expect((await lenient.handle({ method: 'POST', ...forged })).status).toBe(401);
    // Only the challenge may be unsigned.
    const push = buildPush({ event: 'life_trade_order_notify', content: {}, secret: SECRET, signature: 'missing' });
    expect((await lenient.handle({ method: 'POST', ...push })).status).toBe(401);
  });

  it.each([
    ['no challenge', '{}'],
    ['a null challenge', '{"challenge":null}'],
    ['an object challenge', '{"challenge":{"a":1}}'],
    ['an array challenge', '{"challenge":[1]}'],
  ])('answers 400 INVALID_CONTENT for %s', async (_name, content) => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET });
    const body = `{"event":"verify_webhook","client_key":"","content":${content}}`;
    const reply = await webhooks.handle({ method: 'POST', headers: { 'x-douyin-signature': sign(body, SECRET) }, body });
    expect(reply.status).toBe(400);
    expect(reply.errorCode).toBe('INVALID_CONTENT');
  });
});
