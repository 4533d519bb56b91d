import { describe, expect, it } from 'vitest';
import { createDouyinWebhooks, DouyinHandlerError, type InboxPush } from '@douyin-push/core';
import { createDouyinHandlers } from '@douyin-push/core/adapter';
import { fixtures, signedHeaders } from '@douyin-push/core/testing';
import { SECRET, post } from './helpers';

const body = fixtures.life_trade_certificate_notify;
const request = () => post(body, signedHeaders(body, SECRET));

describe('durable mode (inbox)', () => {
  it('answers 200 only after the inbox stored the push, and runs no handler itself', async () => {
    const stored: InboxPush[] = [];
    let ran = 0;
    const webhooks = createDouyinWebhooks({
      clientSecret: SECRET,
      inbox: { enqueue: async (push) => (stored.push(push), { duplicate: false }) },
    });
    webhooks.onAny(() => void ran++);
    const reply = await webhooks.handle(request());
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, queued: true });
    expect(ran).toBe(0);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.body).toBe(body);
    expect(stored[0]!.name).toBe('life_trade_certificate_notify');
  });

  it('a duplicate the inbox already holds is answered 200 duplicate', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, inbox: { enqueue: async () => ({ duplicate: true }) } });
    const reply = await webhooks.handle(request());
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ duplicate: true });
  });

  it('a failed write is a 503 INBOX_UNAVAILABLE (Douyin retries) and is reported', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, inbox: { enqueue: () => Promise.reject(new Error('redis down')) } });
    const codes: string[] = [];
    webhooks.onError((error) => void codes.push(error.code));
    const reply = await webhooks.handle(request());
    expect(reply.status).toBe(503);
    expect(reply.errorCode).toBe('INBOX_UNAVAILABLE');
    expect(codes).toEqual(['INBOX_UNAVAILABLE']);
  });

  it('a write slower than timeoutMs is a 503, not a late 200', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, timeoutMs: 30, inbox: { enqueue: () => new Promise(() => undefined) } });
    webhooks.onError(() => undefined);
    const reply = await webhooks.handle(request());
    expect(reply.status).toBe(503);
    expect(reply.errorCode).toBe('INBOX_UNAVAILABLE');
  });

  it('a forged push never reaches the inbox', async () => {
    const stored: InboxPush[] = [];
    const webhooks = createDouyinWebhooks({
      clientSecret: SECRET,
      inbox: { enqueue: async (p) => (stored.push(p), { duplicate: false }) },
    });
    webhooks.onError(() => undefined);
    const reply = await webhooks.handle(post(body, signedHeaders(body, 'other-secret')));
    expect(reply.status).toBe(401);
    expect(stored).toHaveLength(0);
  });
});

describe('createDouyinHandlers (worker side)', () => {
  it('runs a stored push through typed handlers, as the receiver would', async () => {
    let stored: InboxPush | undefined;
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, inbox: { enqueue: async (p) => ((stored = p), { duplicate: false }) } });
    await webhooks.handle(request());
    const handlers = createDouyinHandlers();
    const seen: string[] = [];
    handlers.on('life_trade_certificate_notify', (event) => void seen.push(event.content.certificate.certificate_id));
    const event = await handlers.run(stored!);
    expect(seen).toHaveLength(1);
    expect(event.msgId).toBe(stored!.msgId);
    expect(event.schemaIssues).toBeUndefined();
  });

  it('a failing handler rejects with DouyinHandlerError', async () => {
    let stored: InboxPush | undefined;
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, inbox: { enqueue: async (p) => ((stored = p), { duplicate: false }) } });
    await webhooks.handle(request());
    const handlers = createDouyinHandlers();
    handlers.onAny(() => {
      throw new Error('db down');
    });
    await expect(handlers.run(stored!)).rejects.toBeInstanceOf(DouyinHandlerError);
  });
});
