import { connect } from 'node:net';
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createDouyinWebhooks, type DouyinReceiver } from '@douyin-push/core';
import { buildPush, fixtures, signedHeaders } from '@douyin-push/core/testing';
import { douyinPush } from '@douyin-push/fastify';

const secret = 'fastify_test_secret';
const apps: FastifyInstance[] = [];

async function listen(app: FastifyInstance): Promise<string> {
  apps.push(app);
  return app.listen({ port: 0, host: '127.0.0.1' });
}

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

const order = () =>
  buildPush({ event: 'life_trade_order_notify', content: JSON.parse(JSON.parse(fixtures.life_trade_order_notify).content), secret });

describe('@douyin-push/fastify', () => {
  it('handles a signed push and leaves JSON parsing to the sibling routes', async () => {
    const app = Fastify();
    await app.register(douyinPush, { receiver: createDouyinWebhooks({ clientSecret: secret }), path: '/douyin/push' });
    const seen: string[] = [];
    app.douyin.on('life_trade_order_notify', ({ content }) => void seen.push(content.order.order_id));
    app.post('/json', async (request) => ({ type: typeof request.body, isBuffer: Buffer.isBuffer(request.body), body: request.body }));
    const url = await listen(app);

    const push = order();
    const res = await fetch(`${url}/douyin/push`, { method: 'POST', headers: push.headers, body: push.body });
    expect(res.status).toBe(200);
    expect(seen).toEqual(['1065946966824669548']);

    const json = await fetch(`${url}/json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(await json.json()).toEqual({ type: 'object', isBuffer: false, body: { a: 1 } });
  });

  it('boots in an app that has its own application/json parser, and that parser keeps serving the app', async () => {
    const app = Fastify();
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, { custom: body }));
    app.post('/json', async (request) => request.body);
    await app.register(douyinPush, { receiver: createDouyinWebhooks({ clientSecret: secret }), path: '/douyin/push' });
    const url = await listen(app);

    const push = order();
    expect((await fetch(`${url}/douyin/push`, { method: 'POST', headers: push.headers, body: push.body })).status).toBe(200);
    const json = await fetch(`${url}/json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(await json.json()).toEqual({ custom: '{"a":1}' });
  });

  it('fails clearly when registered twice with two receivers', async () => {
    const app = Fastify();
    apps.push(app);
    await app.register(douyinPush, { receiver: createDouyinWebhooks({ clientSecret: secret }), path: '/a' });
    await expect(app.register(douyinPush, { receiver: createDouyinWebhooks({ clientSecret: secret }), path: '/b' })).rejects.toThrow(
      /@douyin-push\/fastify: another push receiver is already `app.douyin`/,
    );
  });

  it('mounts one shared receiver at several paths (one dedupe store)', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: secret });
    let runs = 0;
    webhooks.on('life_trade_order_notify', () => void runs++);
    const app = Fastify();
    await app.register(douyinPush, { receiver: webhooks, path: '/a' });
    await app.register(douyinPush, { receiver: webhooks, path: '/b' });
    expect(app.douyin).toBe(webhooks);
    const url = await listen(app);

    const push = order();
    expect((await fetch(`${url}/a`, { method: 'POST', headers: push.headers, body: push.body })).status).toBe(200);
    expect((await fetch(`${url}/b`, { method: 'POST', headers: push.headers, body: push.body })).status).toBe(200);
    expect(runs).toBe(1);
  });

  it('refuses a registration without a path', async () => {
    const app = Fastify();
    apps.push(app);
    // @ts-expect-error path is required
    await expect(app.register(douyinPush, { receiver: createDouyinWebhooks({ clientSecret: secret }) })).rejects.toThrow(
      /@douyin-push\/fastify: pass the route as `path`/,
    );
  });

  describe('oversized bodies get core’s 413 and run no handler', () => {
    const setup = async () => {
      const webhooks = createDouyinWebhooks({ clientSecret: secret, maxBodyBytes: 256 });
      const errors: unknown[] = [];
      let runs = 0;
      webhooks.onAny(() => void runs++);
      webhooks.onError((error) => void errors.push(error));
      const app = Fastify();
      await app.register(douyinPush, { receiver: webhooks, path: '/douyin/push' });
      const url = await listen(app);
      const body = JSON.stringify({ event: 'life_trade_order_notify', client_key: 'aw', content: 'x'.repeat(1000), log_id: '1' });
      return { url, errors, runs: () => runs, body, headers: signedHeaders(body, secret, { msgId: 'big' }) };
    };

    it('with a content-length', async () => {
      const { url, errors, runs, body, headers } = await setup();
      const res = await fetch(`${url}/douyin/push`, { method: 'POST', headers, body });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
      expect(runs()).toBe(0);
      expect(errors).toMatchObject([{ code: 'BODY_TOO_LARGE' }]);
    });

    it('keeps the connection: the next request on the same socket is answered', async () => {
      const { url, body } = await setup();
      const { port } = new URL(url);
      // fastify closes after any parser failure; a 413 must not (a client still sending would get
      // a reset before the 413), so a second request on the socket gets its own reply.
      const replies = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(
            `POST /douyin/push HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
          );
          socket.write('GET /douyin/push HTTP/1.1\r\nhost: x\r\n\r\n');
        });
        let text = '';
        socket.on('data', (d: Buffer) => {
          text += d.toString('latin1');
          if ((text.match(/\r\n\r\n\{[^}]*\}/g) ?? []).length === 2) socket.end();
        });
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
      // A reply's body runs straight into the next status line: no `^` anchor.
      expect(replies.match(/HTTP\/1\.1 \d{3}/g)).toEqual(['HTTP/1.1 413', 'HTTP/1.1 405']);
      expect(replies).not.toMatch(/^connection: close/im);
    });

    it('chunked, without a content-length', async () => {
      const { url, runs, body, headers } = await setup();
      const bytes = new TextEncoder().encode(body);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 100) controller.enqueue(bytes.slice(i, i + 100));
          controller.close();
        },
      });
      const res = await fetch(`${url}/douyin/push`, { method: 'POST', headers, body: stream, duplex: 'half' } as RequestInit);
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
      expect(runs()).toBe(0);
    });
  });

  it('a body that does not match its Content-Length (an app-wide preParsing hook changed it) gets core’s 400 and runs no handler', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: secret });
    const errors: { code: string; message: string }[] = [];
    let runs = 0;
    webhooks.onAny(() => void runs++);
    webhooks.onError((error) => void errors.push(error));
    const app = Fastify();
    // Hooks of the app apply to the plugin's route too; this one hands fastify fewer bytes than were sent.
    app.addHook('preParsing', async (_request, _reply, payload) => {
      for await (const chunk of payload) void chunk;
      return Readable.from([Buffer.from('{}')]);
    });
    await app.register(douyinPush, { receiver: webhooks, path: '/douyin/push' });
    const url = await listen(app);
    const push = order();
    const res = await fetch(`${url}/douyin/push`, { method: 'POST', headers: push.headers, body: push.body });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'REQUEST_ABORTED' });
    expect(runs).toBe(0);
    expect(errors).toMatchObject([{ code: 'REQUEST_ABORTED', message: expect.stringContaining('Content-Length') }]);
  });

  it('passes errors that are not the body’s to the app’s own error handler', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: secret });
    const errors: unknown[] = [];
    let runs = 0;
    webhooks.onAny(() => void runs++);
    webhooks.onError((error) => void errors.push(error));
    const app = Fastify();
    app.setErrorHandler((error, _request, reply) => reply.code(418).send({ from: 'app', message: (error as Error).message }));
    app.addHook('preHandler', async () => {
      throw new Error('the app refused this request');
    });
    await app.register(douyinPush, { receiver: webhooks, path: '/douyin/push' });
    const url = await listen(app);
    const push = order();
    const res = await fetch(`${url}/douyin/push`, { method: 'POST', headers: push.headers, body: push.body });
    expect(res.status).toBe(418);
    expect(await res.json()).toEqual({ from: 'app', message: 'the app refused this request' });
    expect(runs).toBe(0);
    expect(errors).toEqual([]);
  });

  it("uses the receiver's maxBodyBytes, not Fastify's 1 MiB default bodyLimit", async () => {
    const app = Fastify();
    await app.register(douyinPush, {
      receiver: createDouyinWebhooks({ clientSecret: secret, maxBodyBytes: 3 * 1024 * 1024, onError: () => undefined }),
      path: '/douyin/push',
    });
    const url = await listen(app);
    const body = JSON.stringify({
      event: 'life_product_status_change',
      client_key: 'aw',
      content: 'x'.repeat(2 * 1024 * 1024),
      log_id: '1',
    });
    // Read whole and checked: a forged signature gets core's 401, not a 413 from Fastify.
    const res = await fetch(`${url}/douyin/push`, { method: 'POST', headers: signedHeaders(body, 'other'), body });
    expect(res.status).toBe(401);
  });

  it('cancels the body deadline once the body is in: a slow handler is not cut off by bodyTimeoutMs', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: secret, bodyTimeoutMs: 100, timeoutMs: 2000 });
    const codes: string[] = [];
    webhooks.onError((error) => void codes.push(error.code));
    webhooks.on('life_trade_order_notify', () => new Promise<void>((resolve) => setTimeout(resolve, 300)));
    const app = Fastify();
    await app.register(douyinPush, { receiver: webhooks, path: '/douyin/push' });
    const url = await listen(app);
    const push = order();
    const res = await fetch(`${url}/douyin/push`, { method: 'POST', headers: push.headers, body: push.body });
    expect(res.status).toBe(200);
    expect(codes).toEqual([]);
  });

  it('lets core answer other methods (405, Allow: POST) and bad signatures (401)', async () => {
    const app = Fastify();
    await app.register(douyinPush, { receiver: createDouyinWebhooks({ clientSecret: secret }), path: '/douyin/push' });
    const url = await listen(app);

    const get = await fetch(`${url}/douyin/push`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');

    const push = buildPush({
      event: 'life_product_status_change',
      content: { product_id: '1', status: 'GOODS_ONLINE' },
      secret,
      signature: { forgeWith: 'nope' },
    });
    expect((await fetch(`${url}/douyin/push`, { method: 'POST', headers: push.headers, body: push.body })).status).toBe(401);
  });

  it('hands any DouyinReceiver the path with its query, the method, headers and the raw bytes', async () => {
    const seen: { method: string; url?: string; body?: string; adapter?: string; header?: unknown }[] = [];
    const receiver: DouyinReceiver = {
      maxBodyBytes: 1024,
      bodyTimeoutMs: 10_000,
      onError: () => () => true,
      async handle(request) {
        const body = typeof request.body === 'function' ? await request.body() : request.body;
        seen.push({
          method: request.method,
          url: request.url,
          body: body === undefined ? undefined : Buffer.from(body as Uint8Array).toString('utf8'),
          adapter: request.adapter,
          header: (request.headers as Record<string, unknown>)['x-life-sign'],
        });
        return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"data":{"error_code":0}}' };
      },
      handleRequest: () => Promise.reject(new Error('not used by the fastify adapter')),
    };
    const app = Fastify();
    await app.register(douyinPush, { receiver, path: '/spi/issue-code' });
    expect(app.hasDecorator('douyin')).toBe(false);
    const url = await listen(app);

    const raw = '{ "a" : 1 }';
    const res = await fetch(`${url}/spi/issue-code?client_key=aw&timestamp=1&sign=x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-life-sign': 'abc' },
      body: raw,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { error_code: 0 } });
    expect(seen).toEqual([
      { method: 'POST', url: '/spi/issue-code?client_key=aw&timestamp=1&sign=x', body: raw, adapter: 'fastify', header: 'abc' },
    ]);
  });
});
