import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DouyinPushError } from '@douyin-push/core';
import { readNodeBody, writeNodeReply, type ReadNodeBodyOptions } from '@douyin-push/core/adapter';

// Each test runs readNodeBody inside a real server and answers with what it got, so the
// stream states (unread, read by a parser, paused, chunked) are the real ones.
type Prepare = (req: IncomingMessage) => Promise<Partial<ReadNodeBodyOptions> | void> | Partial<ReadNodeBodyOptions> | void;

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function serve(prepare: Prepare = () => undefined, maxBodyBytes = 1024): Promise<string> {
  server = createServer(async (req, res) => {
    try {
      const extra = (await prepare(req)) ?? {};
      const bytes = await readNodeBody(req, {
        maxBodyBytes,
        adapter: 'express',
        rawBodyFix: 'use express.raw()',
        bodyTimeoutMs: 300,
        ...extra,
      });
      writeNodeReply(res, {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sha1: createHash('sha1').update(bytes).digest('hex'), length: bytes.byteLength }),
      });
    } catch (error) {
      const e = error as DouyinPushError;
      writeNodeReply(res, { status: e.status, headers: {}, body: JSON.stringify({ code: e.code, message: e.message }) });
    }
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const sha1 = (bytes: Uint8Array | string) => createHash('sha1').update(bytes).digest('hex');

/** Reads the request fully the way a JSON body parser does, keeping nothing but a parsed object. */
function consume(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      (req as IncomingMessage & { body?: unknown }).body = JSON.parse(Buffer.concat(chunks).toString());
      resolve();
    });
  });
}

describe('readNodeBody', () => {
  it('returns the exact bytes, including bytes that are not UTF-8', async () => {
    const url = await serve();
    const body = new Uint8Array([0x7b, 0xff, 0x00, 0xe4, 0xb8, 0xad, 0x7d]);
    const res = await fetch(url, { method: 'POST', body });
    expect(await res.json()).toEqual({ sha1: sha1(body), length: body.byteLength });
  });

  it('reads a body sent in chunks without content-length', async () => {
    const url = await serve();
    const parts = ['{"a":', '"中文"', '}'];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const p of parts) controller.enqueue(new TextEncoder().encode(p));
        controller.close();
      },
    });
    const res = await fetch(url, { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(await res.json()).toMatchObject({ sha1: sha1(parts.join('')) });
  });

  it('answers 413 from content-length without reading the body', async () => {
    const url = await serve(() => undefined, 100);
    const res = await fetch(url, { method: 'POST', body: 'x'.repeat(101) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
  });

  it('answers 413 for a chunked body as soon as it crosses the limit', async () => {
    const url = await serve(() => undefined, 1000);
    const chunk = new Uint8Array(400).fill(0x61);
    let sent = 0;
    // No content-length (a stream body is sent chunked), so only the running count can catch it.
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await fetch(url, { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
  });

  it('accepts a body exactly at the limit', async () => {
    const url = await serve(() => undefined, 100);
    const res = await fetch(url, { method: 'POST', body: 'x'.repeat(100) });
    expect(await res.json()).toMatchObject({ length: 100 });
  });

  it('uses req.rawBody a parser kept (Buffer) after the stream was read', async () => {
    const url = await serve(async (req) => {
      await consume(req);
      (req as unknown as { rawBody?: unknown }).rawBody = Buffer.from('{"kept":true}');
    });
    const res = await fetch(url, { method: 'POST', body: '{"kept":true}' });
    expect(await res.json()).toMatchObject({ sha1: sha1('{"kept":true}') });
  });

  it('uses a Buffer or string req.body (express.raw / express.text)', async () => {
    for (const asString of [false, true]) {
      const url = await serve(async (req) => {
        await consume(req);
        (req as IncomingMessage & { body?: unknown }).body = asString ? '{"b":1}' : Buffer.from('{"b":1}');
      });
      const res = await fetch(url, { method: 'POST', body: '{"b":1}' });
      expect(await res.json()).toMatchObject({ sha1: sha1('{"b":1}') });
      await new Promise((resolve) => server!.close(resolve));
      server = undefined;
    }
  });

  it('uses rawBody / parsedBody given in the options (koa keeps them on ctx.request)', async () => {
    const url = await serve(async (req) => {
      await consume(req);
      delete (req as IncomingMessage & { body?: unknown }).body;
      return { rawBody: '{"k":2}', parsedBody: { k: 2 } };
    });
    const res = await fetch(url, { method: 'POST', body: '{"k":2}' });
    expect(await res.json()).toMatchObject({ sha1: sha1('{"k":2}') });
  });

  it('applies the limit to kept bytes too', async () => {
    const url = await serve(async (req) => {
      await consume(req);
      return { rawBody: 'x'.repeat(11) };
    }, 10);
    const res = await fetch(url, { method: 'POST', body: '{}' });
    expect(res.status).toBe(413);
  });

  it('does not hang on a stream a parser already read: RAW_BODY_UNAVAILABLE with the fix', async () => {
    const url = await serve((req) => consume(req));
    const res = await fetch(url, { method: 'POST', body: '{"a":1}', signal: AbortSignal.timeout(5000) });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('RAW_BODY_UNAVAILABLE');
    expect(body.message).toMatch(/^@douyin-push\/express: .*Fix: use express\.raw\(\)\.$/);
  });

  it('reads the stream when a parser skipped it but left an empty object (express 4 body-parser)', async () => {
    const url = await serve((req) => {
      (req as IncomingMessage & { body?: unknown }).body = {};
    });
    const res = await fetch(url, { method: 'POST', body: 'plain text', headers: { 'content-type': 'text/plain' } });
    expect(await res.json()).toMatchObject({ sha1: sha1('plain text') });
  });

  it('reads a stream somebody paused', async () => {
    const url = await serve((req) => {
      req.pause();
    });
    const res = await fetch(url, { method: 'POST', body: 'paused', signal: AbortSignal.timeout(5000) });
    expect(await res.json()).toMatchObject({ sha1: sha1('paused') });
  });

  it('returns empty bytes for an empty body', async () => {
    const url = await serve();
    const res = await fetch(url, { method: 'POST' });
    expect(await res.json()).toMatchObject({ length: 0 });
  });
});

describe('writeNodeReply', () => {
  it('sets content-length to the byte length of a non-ASCII body', async () => {
    server = createServer((_req, res) =>
      writeNodeReply(res, { status: 400, headers: { 'content-type': 'application/json' }, body: '{"message":"签名错误"}' }),
    );
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength('{"message":"签名错误"}')));
    expect(await res.json()).toEqual({ message: '签名错误' });
  });
});
