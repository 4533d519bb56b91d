import { Injectable } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { createDouyinWebhooks, type DouyinEvent, type DouyinReceiver } from '@douyin-push/core';
import { buildPush } from '@douyin-push/core/testing';
import { DouyinPushModule, OnDouyinEvent } from '@douyin-push/nestjs';
import { describeContract } from '../../../test/contract/suite.js';
import { parserSettings, startNest, type Platform } from './apps.js';

const SECRET = 'nest_test_secret';

@Injectable()
class Handlers {
  readonly seen: { name: string; action: string | undefined; certificateId?: string; bytes?: number }[] = [];

  @OnDouyinEvent('life_trade_certificate_notify.verify')
  onVerify(event: DouyinEvent<'life_trade_certificate_notify.verify'>): void {
    this.seen.push({
      name: event.name,
      action: event.action,
      certificateId: event.content.certificate.certificate_id,
      bytes: event.rawBody.byteLength,
    });
  }

  @OnDouyinEvent('life_trade_order_notify')
  @OnDouyinEvent('life_product_status_change')
  onOther(event: DouyinEvent<'life_trade_order_notify' | 'life_product_status_change'>): void {
    this.seen.push({ name: event.name, action: event.action });
  }
}

function certificatePush(action: string, msgId: string, padding = 0) {
  const content = {
    action,
    msg_time: 1679914989,
    certificate: { certificate_id: `cert-${msgId}`, order_id: '800', account_id: '712' },
    note: 'x'.repeat(padding),
  };
  return buildPush({ event: 'life_trade_certificate_notify', content, secret: SECRET, msgId });
}

for (const platform of ['express', 'fastify'] as const satisfies Platform[]) {
  for (const setting of parserSettings) {
    describeContract(`nestjs ${platform} (${setting.name})`, ({ receiver, path }) =>
      startNest(platform, DouyinPushModule.forRoot({ receiver, path }), setting.options),
    );
  }

  describe(`nestjs ${platform}: @OnDouyinEvent handlers`, () => {
    it.each(parserSettings)('calls the decorated provider methods with typed events ($name)', async ({ options }) => {
      const server = await startNest(
        platform,
        DouyinPushModule.forRoot({ path: '/douyin/webhook', receiver: createDouyinWebhooks({ clientSecret: SECRET }) }),
        options,
        [Handlers],
      );
      try {
        const handlers = server.app.get(Handlers);
        for (const push of [
          certificatePush('verify', 'm1'),
          certificatePush('verify_cancel', 'm2'),
          buildPush({
            event: 'life_product_status_change',
            content: { product_id: '9', status: 'GOODS_BAN' },
            secret: SECRET,
            msgId: 'm3',
          }),
        ]) {
          const res = await fetch(`${server.origin}/douyin/webhook`, { method: 'POST', body: push.body, headers: push.headers });
          expect(res.status, await res.text()).toBe(200);
        }
        // verify_cancel has no handler: only the verify action and the other event ran.
        expect(handlers.seen.map((s) => [s.name, s.action, s.certificateId])).toEqual([
          ['life_trade_certificate_notify', 'verify', 'cert-m1'],
          ['life_product_status_change', undefined, undefined],
        ]);
      } finally {
        await server.close();
      }
    });

    it("takes a 200 KB push with Nest's default body parser on (Nest's own limit is 100 kb), and the JSON route still parses", async () => {
      const server = await startNest(
        platform,
        DouyinPushModule.forRoot({
          path: '/douyin/webhook',
          receiver: createDouyinWebhooks({ clientSecret: SECRET, maxBodyBytes: 1024 * 1024 }),
        }),
        {},
        [Handlers],
      );
      try {
        const push = certificatePush('verify', 'big', 200 * 1024);
        expect(Buffer.byteLength(push.body)).toBeGreaterThan(200 * 1024);
        const res = await fetch(`${server.origin}/douyin/webhook`, { method: 'POST', body: push.body, headers: push.headers });
        expect(res.status, await res.text()).toBe(200);
        expect(server.app.get(Handlers).seen).toEqual([
          { name: 'life_trade_certificate_notify', action: 'verify', certificateId: 'cert-big', bytes: Buffer.byteLength(push.body) },
        ]);
        const echo = await fetch(`${server.origin}/contract/echo`, {
          method: 'POST',
          body: '{"a":1}',
          headers: { 'content-type': 'application/json' },
        });
        expect(await echo.json()).toEqual({ a: 1 });
      } finally {
        await server.close();
      }
    });

    it('ends the request, not the process, when a custom receiver throws, and keeps serving', async () => {
      const throwing: DouyinReceiver = {
        maxBodyBytes: 1024 * 1024,
        bodyTimeoutMs: 10_000,
        handle: () => {
          throw new Error('receiver bug');
        },
        onError: () => () => undefined,
        handleRequest: () => Promise.resolve(new Response(null, { status: 500 })),
      };
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      const server = await startNest(platform, DouyinPushModule.forRoot({ path: '/douyin/webhook', receiver: throwing }), {
        rawBody: true,
      });
      try {
        const push = certificatePush('verify', 'throws');
        await expect(
          fetch(`${server.origin}/douyin/webhook`, { method: 'POST', body: push.body, headers: push.headers }),
        ).rejects.toThrow();
        const echo = await fetch(`${server.origin}/contract/echo`, {
          method: 'POST',
          body: '{"a":1}',
          headers: { 'content-type': 'application/json' },
        });
        expect(await echo.json()).toEqual({ a: 1 });
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(unhandled).toEqual([]);
      } finally {
        process.off('unhandledRejection', onUnhandled);
        await server.close();
      }
    });

    it('answers 413 above our maxBodyBytes, not the parser', async () => {
      const server = await startNest(
        platform,
        DouyinPushModule.forRoot({
          path: '/douyin/webhook',
          receiver: createDouyinWebhooks({ clientSecret: SECRET, maxBodyBytes: 300 * 1024 }),
        }),
        { rawBody: true },
      );
      try {
        const push = certificatePush('verify', 'too-big', 400 * 1024);
        const res = await fetch(`${server.origin}/douyin/webhook`, { method: 'POST', body: push.body, headers: push.headers });
        expect([res.status, ((await res.json()) as { code: string }).code]).toEqual([413, 'BODY_TOO_LARGE']);
      } finally {
        await server.close();
      }
    });
  });
}
