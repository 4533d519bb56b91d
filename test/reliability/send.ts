/** Raw HTTP requests for the reliability suite: repeated headers, chunked or trickled bodies. */
import { request } from 'node:http';
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
