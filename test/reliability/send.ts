/** Raw HTTP requests for the reliability suite: repeated headers, chunked or trickled bodies. */
import { request } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RawRequest {
  method?: string;
  path?: string;
  /** An array sends the header once per value (how a doubled header reaches the server). */
  headers?: Record<string, string | string[]>;
  /** One buffer (sent with content-length) or chunks (sent chunked). */
  body?: Uint8Array | string | readonly (Uint8Array | string)[];
  /** Pause between chunks. */
  chunkDelayMs?: number;
}

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  code: string | undefined;
}

// A hang must fail the case with a clear cause, not stall the run.
const HANG_GUARD_MS = 15_000;

/** Sends one request over a fresh connection; rejects on a hang or a socket error. */
export function sendRaw(origin: string, req: RawRequest): Promise<RawReply> {
  const url = new URL(req.path ?? '/douyin/webhook', origin);
  const headers: Record<string, string | string[]> = { ...req.headers };
  const chunked = Array.isArray(req.body);
  if (!chunked && req.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) {
    headers['content-length'] = String(Buffer.byteLength(req.body as Uint8Array | string));
  }
  return new Promise<RawReply>((resolve, reject) => {
    const r = request(url, { method: req.method ?? 'POST', headers, agent: false, timeout: HANG_GUARD_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let code: string | undefined;
        try {
          code = (JSON.parse(text) as { code?: string }).code;
        } catch {
          code = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, code });
      });
      res.on('error', reject);
    });
    r.on('timeout', () => r.destroy(new Error(`no reply within ${HANG_GUARD_MS} ms (hang)`)));
    r.on('error', reject);
    // A server may close the socket once it answered (413): stop writing then.
    r.once('close', () => r.emit('drain'));
    void (async () => {
      if (!chunked) {
        r.end(req.body);
        return;
      }
      for (const chunk of req.body as readonly (Uint8Array | string)[]) {
        if (r.destroyed) return;
        if (!r.write(chunk)) await new Promise((ok) => r.once('drain', ok));
        if (req.chunkDelayMs) await sleep(req.chunkDelayMs);
      }
      r.end();
    })().catch(reject);
  });
}

/**
 * Streams a chunked body over a bare socket and reads the reply, whether the server reads the
 * whole body or answers early and closes (Node's http client would report EPIPE instead of the
 * reply). Resolves with the status, the error code and how much of the body got written.
 */
export function streamRaw(
  origin: string,
  path: string,
  headers: Record<string, string>,
  chunks: readonly Uint8Array[],
): Promise<RawReply & { bytesWritten: number }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const timer = setTimeout(() => socket.destroy(new Error(`no reply within ${HANG_GUARD_MS} ms (hang)`)), HANG_GUARD_MS);
    let received = Buffer.alloc(0);
    let closed = false;
    let written = 0;
    const finish = () => {
      clearTimeout(timer);
      const text = received.toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (!match) return reject(new Error(`no HTTP reply (${received.length} bytes read)`));
      // Only the first reply: after we stop mid-body, Node answers the cut-off rest with a 400.
      const head = text.indexOf('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(text.slice(0, head))?.[1] ?? text.length);
      const body = text.slice(head + 4, head + 4 + length);
      let code: string | undefined;
      try {
        code = (JSON.parse(body) as { code?: string }).code;
      } catch {
        code = undefined;
      }
      resolve({ status: Number(match[1]), headers: {}, text: body, code, bytesWritten: written });
    };
    socket.on('data', (d: Buffer) => {
      received = Buffer.concat([received, d]);
      const head = received.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(received.toString('latin1', 0, head))?.[1];
      if (head !== -1 && length !== undefined && received.length >= head + 4 + Number(length)) socket.end();
    });
    socket.on('error', () => undefined); // EPIPE / ECONNRESET once the server closed: read what came
    socket.on('close', () => {
      closed = true;
      finish();
    });
    socket.once('connect', async () => {
      const lines = [`POST ${path} HTTP/1.1`, `host: ${hostname}:${port}`, 'transfer-encoding: chunked'];
      for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      for (const chunk of chunks) {
        if (closed || socket.writableEnded || socket.destroyed) return;
        socket.write(`${chunk.byteLength.toString(16)}\r\n`);
        socket.write(chunk);
        const ok = socket.write('\r\n');
        written += chunk.byteLength;
        if (!ok) await new Promise((done) => (socket.once('drain', done), socket.once('close', done)));
      }
      if (!closed && !socket.destroyed) socket.write('0\r\n\r\n');
    });
  });
}
