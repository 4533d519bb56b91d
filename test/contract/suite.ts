/**
 * The cross-adapter contract: the same cases against every adapter, through a real server on a
 * free port and real `fetch`. An adapter's test file only supplies `start()` (see README.md).
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { createDouyinWebhooks, type DouyinReceiver, type DouyinRequest } from '@douyin-push/core';
import { createWebHandler, readHeader } from '@douyin-push/core/adapter';
import { createDouyinSpi, buildSpiRequest } from '@douyin-push/core/spi';
import { buildPush, fixtures, signedHeaders, type FixtureName } from '@douyin-push/core/testing';
import { CONTRACT_MAX_BODY_BYTES, CONTRACT_PATH, CONTRACT_SECRET, FAIL_ONCE, SLOW, createContractKit, type ContractState } from './kit.js';

/** A running server under test. */
export interface ContractServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string;
  close(): Promise<void>;
  /**
   * For an app that built its own receiver with `createContractKit()` (it cannot take the
   * suite's, e.g. a built Next.js app): read its recorded state, e.g. over HTTP.
   */
  state?: () => Promise<ContractState>;
  /**
   * A sibling route on the same app that parses JSON with the framework's own parser and
   * answers it back: proves the adapter leaves other routes' bodies alone.
   */
  echoPath?: string;
}

/** What the suite asks `start()` to mount: a receiver at a path (others must be left alone). */
export interface ContractMount {
  receiver: DouyinReceiver;
  path: string;
}

/** Starts an app with `mount.receiver` at `mount.path`, listening on 127.0.0.1 port 0. */
export type ContractStart = (mount: ContractMount) => Promise<ContractServer>;

export interface ContractOptions {
  /**
   * Whether `start()` mounts the receiver it is given. Default true. Set false for an app with
   * its own `createContractKit()` receiver: cases that need another receiver (SPI, the probe
   * of what reaches core) are skipped, as the app can't mount those.
   */
  mountsGivenReceiver?: boolean;
  /**
   * Whether the framework keeps `content-length` on replies. Default true. Next.js App Router
   * drops it on purpose and streams every reply chunked (FORBIDDEN_HEADERS in
   * next/dist/server/send-response.js); then the reply must be chunked instead.
   */
  contentLength?: boolean;
  /**
   * Whether the adapter itself answers the path with one trailing slash. Default true. Next.js
   * routes by file and redirects a trailing slash itself (its `trailingSlash` setting).
   */
  trailingSlash?: boolean;
  /**
   * Whether the adapter answers a stalled upload with 408 after `bodyTimeoutMs`. Default true:
   * every Node adapter does. A web `Request` handler has no socket to time: its runtime does.
   */
  bodyDeadline?: boolean;
}

// A hang must fail the test with a clear cause, not stall the run.
const HANG_GUARD_MS = 10_000;

interface Sent {
  status: number;
  headers: Headers;
  text: string;
  json: () => any;
}

async function send(url: string, init: RequestInit & { duplex?: 'half' } = {}): Promise<Sent> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', signal: AbortSignal.timeout(HANG_GUARD_MS), ...init });
  } catch (error) {
    // A server that answers 413 before the body ends closes that keep-alive socket (correctly);
    // fetch may already have picked it for the next request, which then fails with ECONNRESET
    // before any byte of it was answered. A real client sends again, so do we, once. A stream
    // body cannot be sent twice, and a hang (timeout) is never retried.
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET') throw error;
    if (init.body instanceof ReadableStream) throw error;
    res = await fetch(url, { method: 'POST', signal: AbortSignal.timeout(HANG_GUARD_MS), ...init });
  }
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

const uid = (prefix = 'msg-') => `${prefix}${randomUUID()}`;

/** Expected typed content of each seed sample (the fields prove `content` was decoded and parsed). */
const seedExpectations: Record<FixtureName, Record<string, unknown>> = {
  life_trade_order_notify: { action: 'pay_success', order: expect.objectContaining({ order_id: '1065946966824669548', pay_amount: 100 }) },
  life_trade_certificate_notify: { action: 'verify', certificate: expect.objectContaining({ certificate_id: '456', order_id: '123' }) },
  life_product_common_audit: { product_id: '1805831187321867', status: 'PASS' },
  life_product_status_change: { product_id: '1805831187321867', status: 'GOODS_ONLINE' },
};

/**
 * Registers the contract cases for one adapter.
 *
 * @example
 * ```ts
 * describeContract('express 5', async ({ receiver, path }) => {
 *   const app = express();
 *   app.use(douyinWebhook(receiver, { path }));
 *   return listen(createServer(app));
 * });
 * ```
 */
export function describeContract(name: string, start: ContractStart, options: ContractOptions = {}): void {
  describe(`contract: ${name}`, () => {
    const kit = createContractKit();
    let server: ContractServer;
    let url: string;
    const state = () => (server.state ? server.state() : Promise.resolve(kit.state));
    const callsFor = async (msgId: string) => (await state()).calls.filter((c) => c.msgId === msgId);

    beforeAll(async () => {
      server = await start({ receiver: kit.webhooks, path: CONTRACT_PATH });
      url = `${server.origin}${CONTRACT_PATH}`;
    });
    afterAll(() => server?.close());

    it.each(Object.keys(fixtures) as FixtureName[])('handles the seed sample %s, typed', async (event) => {
      const msgId = uid();
      const body = fixtures[event];
      const res = await send(url, { body, headers: signedHeaders(body, CONTRACT_SECRET, { msgId }) });
      expect(res.status, res.text).toBe(200);
      const calls = await callsFor(msgId);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ name: event, typed: true, ok: true, content: expect.objectContaining(seedExpectations[event]) });
    });

    it.each(['string', 'object'] as const)('answers verify_webhook with content as %s, echoing the number', async (contentAs) => {
      const push = buildPush({ event: 'verify_webhook', content: { challenge: 12345 }, secret: CONTRACT_SECRET, clientKey: '', contentAs });
      const res = await send(url, { body: push.body, headers: push.headers });
      expect(res.status, res.text).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.text).toBe('{"challenge":12345}');
      if (options.contentLength === false) expect(res.headers.get('transfer-encoding')).toBe('chunked');
      else expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(res.text)));
    });

    it('answers 401 for a missing or a wrong signature, without running a handler', async () => {
      const content = { product_id: '1', status: 'PASS' };
      const missing = buildPush({
        event: 'life_product_common_audit',
        content,
        secret: CONTRACT_SECRET,
        msgId: uid(),
        signature: 'missing',
      });
      const forged = buildPush({
        event: 'life_product_common_audit',
        content,
        secret: CONTRACT_SECRET,
        msgId: uid(),
        signature: { forgeWith: 'other' },
      });
      const a = await send(url, { body: missing.body, headers: missing.headers });
      const b = await send(url, { body: forged.body, headers: forged.headers });
      expect([a.status, a.json().code]).toEqual([401, 'SIGNATURE_MISSING']);
      expect([b.status, b.json().code]).toEqual([401, 'SIGNATURE_MISMATCH']);
      expect(await callsFor(missing.msgId!)).toEqual([]);
      expect(await callsFor(forged.msgId!)).toEqual([]);
    });

    it('answers 400 for a signed body that is not JSON (malformed, or not JSON at all)', async () => {
      for (const [body, contentType] of [
        ['{"event":"life_trade_order_notify","content":', 'application/json'],
        ['event=life_trade_order_notify&content=x', 'text/plain'],
      ] as const) {
        const msgId = uid();
        const headers = { ...signedHeaders(body, CONTRACT_SECRET, { msgId }), 'content-type': contentType };
        const res = await send(url, { body, headers });
        expect([res.status, res.json().code], res.text).toEqual([400, 'INVALID_JSON']);
        expect(await callsFor(msgId)).toEqual([]);
      }
    });

    it('answers 400 for a signed push whose content string is not JSON', async () => {
      const msgId = uid();
      const body = JSON.stringify({ event: 'life_trade_order_notify', client_key: 'aw_test', content: '{not json', log_id: 'l1' });
      const res = await send(url, { body, headers: signedHeaders(body, CONTRACT_SECRET, { msgId }) });
      expect([res.status, res.json().code], res.text).toEqual([400, 'INVALID_CONTENT']);
      expect(await callsFor(msgId)).toEqual([]);
    });

    it('answers 413 for a body over maxBodyBytes, with or without content-length', async () => {
      const big = 'x'.repeat(CONTRACT_MAX_BODY_BYTES + 1);
      const declared = await send(url, { body: big, headers: signedHeaders(big, CONTRACT_SECRET, { msgId: uid() }) });
      expect([declared.status, declared.json().code]).toEqual([413, 'BODY_TOO_LARGE']);
      const chunk = new TextEncoder().encode('x'.repeat(8 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 10) controller.enqueue(chunk);
          else controller.close();
        },
      });
      const chunked = await send(url, {
        body: stream,
        duplex: 'half',
        headers: { 'content-type': 'application/json', 'x-douyin-signature': '0'.repeat(40) },
      });
      expect([chunked.status, chunked.json().code]).toEqual([413, 'BODY_TOO_LARGE']);
    });

    it('answers 405 with Allow: POST for another method', async () => {
      for (const method of ['GET', 'PUT']) {
        const res = await send(url, { method, ...(method === 'PUT' ? { body: '{}' } : {}) });
        expect([res.status, res.json().code]).toEqual([405, 'METHOD_NOT_ALLOWED']);
        expect(res.headers.get('allow')).toBe('POST');
      }
    });

    it('matches the path exactly, ignoring the query', async () => {
      const push = buildPush({
        event: 'life_product_status_change',
        content: { product_id: '9', status: 'GOODS_BAN' },
        secret: CONTRACT_SECRET,
        msgId: uid(),
      });
      const res = await send(`${url}?from=douyin&x=1`, { body: push.body, headers: push.headers });
      expect(res.status, res.text).toBe(200);
      expect(await callsFor(push.msgId!)).toHaveLength(1);
    });

    // Registered only where an adapter routes (not a skip: there is nothing to test otherwise).
    if (options.trailingSlash !== false)
      it('answers the path with one trailing slash too, like every adapter', async () => {
        const push = buildPush({
          event: 'life_product_status_change',
          content: { product_id: '7', status: 'GOODS_BAN' },
          secret: CONTRACT_SECRET,
          msgId: uid(),
        });
        const res = await send(`${url}/?x=1`, { body: push.body, headers: push.headers });
        expect(res.status, res.text).toBe(200);
        expect(await callsFor(push.msgId!)).toHaveLength(1);
      });

    it('reports an upload the client abandons mid-body as REQUEST_ABORTED, and runs nothing', async () => {
      const aborted = async () => (await state()).errors.filter((e) => e.code === 'REQUEST_ABORTED').length;
      const before = await aborted();
      const { connect } = await import('node:net');
      const target = new URL(url);
      await new Promise<void>((resolve, reject) => {
        const socket = connect(Number(target.port), target.hostname, () => {
          socket.write(
            `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nContent-Type: application/json\r\nX-Douyin-Signature: ${'0'.repeat(40)}\r\nContent-Length: 5000\r\n\r\n{"event":"life_trade_order_notify","content":"`,
          );
          setTimeout(() => socket.destroy(), 100);
        });
        socket.on('close', () => resolve());
        socket.on('error', reject);
      });
      for (let i = 0; i < 50 && (await aborted()) === before; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await aborted()).toBe(before + 1);
    });

    it('leaves other paths alone', async () => {
      const push = buildPush({
        event: 'life_product_status_change',
        content: { product_id: '9', status: 'GOODS_BAN' },
        secret: CONTRACT_SECRET,
        msgId: uid(),
      });
      for (const other of ['/contract/other', `${CONTRACT_PATH}/more`]) {
        const res = await send(`${server.origin}${other}`, { body: push.body, headers: push.headers });
        expect(res.status).toBe(404);
      }
      expect(await callsFor(push.msgId!)).toEqual([]);
      if (server.echoPath) {
        const res = await send(`${server.origin}${server.echoPath}`, {
          body: '{"a":[1,"二"]}',
          headers: { 'content-type': 'application/json' },
        });
        expect(res.status).toBe(200);
        expect(res.json()).toEqual({ a: [1, '二'] });
      }
    });

    it('handles a duplicate Msg-Id once, answering 200 both times', async () => {
      const push = buildPush({
        event: 'life_trade_certificate_notify',
        content: sampleCertificate(),
        secret: CONTRACT_SECRET,
        msgId: uid(),
      });
      const first = await send(url, { body: push.body, headers: push.headers });
      const second = await send(url, { body: push.body, headers: push.headers });
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(await callsFor(push.msgId!)).toHaveLength(1);
    });

    it('answers 500 when a handler fails, and runs the redelivery', async () => {
      const push = buildPush({
        event: 'life_trade_certificate_notify',
        content: sampleCertificate(),
        secret: CONTRACT_SECRET,
        msgId: uid(FAIL_ONCE),
      });
      const first = await send(url, { body: push.body, headers: push.headers });
      expect([first.status, first.json().code]).toEqual([500, 'HANDLER_FAILED']);
      expect(first.text).not.toContain('contract handler fails'); // a 5xx does not leak internals
      const retry = await send(url, { body: push.body, headers: push.headers });
      expect(retry.status, retry.text).toBe(200);
      expect((await callsFor(push.msgId!)).map((c) => c.ok)).toEqual([false, true]);
    });

    it('handles concurrent duplicates once', async () => {
      const push = buildPush({
        event: 'life_trade_certificate_notify',
        content: sampleCertificate(),
        secret: CONTRACT_SECRET,
        msgId: uid(SLOW),
      });
      const replies = await Promise.all(Array.from({ length: 6 }, () => send(url, { body: push.body, headers: push.headers })));
      const statuses = replies.map((r) => r.status);
      // A duplicate that sees the first still running waits for it (200) or, past the wait, 409.
      for (const status of statuses) expect([200, 409]).toContain(status);
      expect(statuses).toContain(200);
      expect(await callsFor(push.msgId!)).toHaveLength(1);
    });

    if (options.mountsGivenReceiver === false) return;

    if (options.bodyDeadline !== false)
      it('answers 408 BODY_TIMEOUT to a client that sends headers and stalls, reports it, runs nothing, and closes the socket', async () => {
        const webhooks = createDouyinWebhooks({ clientSecret: CONTRACT_SECRET, bodyTimeoutMs: 200 });
        const codes: string[] = [];
        let ran = 0;
        webhooks.onError((error) => void codes.push(error.code));
        webhooks.onAny(() => void ran++);
        const other = await start({ receiver: webhooks, path: '/stalled' });
        try {
          const target = new URL(`${other.origin}/stalled`);
          const socket = connect(Number(target.port), target.hostname);
          socket.write(
            `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":`,
          );
          // Resolves only when the server closes the connection (the test's own timeout fails it otherwise).
          const received = await new Promise<string>((resolve) => {
            let text = '';
            socket.on('data', (chunk) => (text += chunk.toString('latin1')));
            socket.on('close', () => resolve(text));
          });
          expect(received).toMatch(/^HTTP\/1\.1 408/);
          expect(received).toMatch(/connection: close/i);
          expect(received).toMatch(/BODY_TIMEOUT/);
          expect(codes).toEqual(['BODY_TIMEOUT']);
          expect(ran).toBe(0);
        } finally {
          await other.close();
        }
      });

    it('gives any DouyinReceiver the method, the full URL with query, the headers and the exact bytes', async () => {
      const probe = probeReceiver();
      const other = await start({ receiver: probe, path: '/probe' });
      try {
        const bytes = new Uint8Array([0x7b, 0x22, 0xe4, 0xb8, 0xad, 0x22, 0x7d, 0x0a]); // {"中"}\n
        const res = await send(`${other.origin}/probe?a=1&b=%E4%B8%AD&a=2`, {
          body: bytes,
          headers: { 'content-type': 'application/json', 'x-probe': 'yes' },
        });
        expect(res.status, res.text).toBe(200);
        // The full path from the server's root (a prefix the app mounted under included).
        const fullPath = new URL(`${other.origin}/probe`).pathname;
        expect(res.json()).toMatchObject({ method: 'POST', url: `${fullPath}?a=1&b=%E4%B8%AD&a=2`, header: 'yes', sha1: sha1(bytes) });
      } finally {
        await other.close();
      }
    });

    it('mounts an SPI receiver the same way (its signature covers the query)', async () => {
      const spi = createDouyinSpi({
        scenario: 'order.status_query',
        clientSecret: CONTRACT_SECRET,
        handler: (query) => ({ orders: query.order_ids.map((order_id) => ({ order_id, order_status: 1 })) }),
      });
      const path = '/douyin/spi/status';
      const other = await start({ receiver: spi, path });
      try {
        const request = buildSpiRequest({ secret: CONTRACT_SECRET, path, body: { scene: 'fulfil', order_ids: ['1001'] } });
        const ok = await send(`${other.origin}${request.url}`, { body: request.body, headers: request.headers });
        expect(ok.status, ok.text).toBe(200);
        expect(ok.json()).toMatchObject({ data: { error_code: 0 } });
        // The same request with its query changed no longer verifies: the query reached core.
        const tampered = await send(`${other.origin}${request.url.replace('timestamp=', 'timestamp=9')}`, {
          body: request.body,
          headers: request.headers,
        });
        expect(tampered.status).toBe(401);
      } finally {
        await other.close();
      }
    });
  });
}

/** What a body parser mounted before the adapter must lead to. */
export type BodyParserOutcome = 'handled' | { code: 'RAW_BODY_UNAVAILABLE'; fix: RegExp };

/**
 * One app with a global JSON body parser before the adapter: a valid push is either handled or
 * answered with the documented RAW_BODY_UNAVAILABLE error (naming the fix), never a hang.
 *
 * @example
 * ```ts
 * describeBodyParser('express.json() first', startWithJson, { code: 'RAW_BODY_UNAVAILABLE', fix: /express\.raw/ });
 * ```
 */
export function describeBodyParser(name: string, start: ContractStart, outcome: BodyParserOutcome): void {
  it(`body parser before the adapter: ${name} → ${outcome === 'handled' ? 'handled' : outcome.code}`, async () => {
    const kit = createContractKit();
    const server = await start({ receiver: kit.webhooks, path: CONTRACT_PATH });
    try {
      const push = buildPush({
        event: 'life_trade_certificate_notify',
        content: sampleCertificate(),
        secret: CONTRACT_SECRET,
        msgId: uid(),
      });
      const res = await send(`${server.origin}${CONTRACT_PATH}`, { body: push.body, headers: push.headers });
      if (outcome === 'handled') {
        expect(res.status, res.text).toBe(200);
        expect(kit.state.calls.filter((c) => c.msgId === push.msgId)).toHaveLength(1);
      } else {
        expect([res.status, res.json().code]).toEqual([500, outcome.code]);
        expect(kit.state.calls).toEqual([]);
        // The fix is in the error the app's onError (or the console) gets.
        expect(kit.state.errors.map((e) => e.code)).toEqual([outcome.code]);
        expect(kit.state.errors[0]!.message).toMatch(outcome.fix);
      }
    } finally {
      await server.close();
    }
  });
}

function sampleCertificate() {
  return {
    action: 'verify',
    msg_time: 1679914989,
    certificate: { certificate_id: '7212557509230723106', order_id: '800', account_id: '712' },
  };
}

function sha1(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** A receiver that answers with what reached it (a real DouyinReceiver, not a mock of HTTP). */
function probeReceiver(): DouyinReceiver {
  const maxBodyBytes = 1024;
  const handle = async (request: DouyinRequest) => {
    const body = typeof request.body === 'function' ? await request.body() : request.body;
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : new Uint8Array(body ?? new ArrayBuffer(0));
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        method: request.method,
        url: request.url,
        adapter: request.adapter,
        header: readHeader(request.headers, 'x-probe'),
        sha1: sha1(bytes),
      }),
    };
  };
  return { maxBodyBytes, bodyTimeoutMs: 10_000, handle, handleRequest: createWebHandler(handle, maxBodyBytes), onError: () => () => true };
}
