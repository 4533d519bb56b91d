import type { IncomingMessage } from 'node:http';
import { bodyStreamFailed, bodyTooLarge as tooLarge, requestAborted } from '../common/body.js';
import { DouyinPushError } from '../common/errors.js';
import { armBodyDeadline } from './body-deadline.js';
import type { AdapterName } from '../common/receiver.js';

/**
 * What {@link readNodeBody} needs besides the request.
 *
 * @example
 * ```ts
 * await readNodeBody(ctx.req, { maxBodyBytes: 1 << 20, adapter: 'koa', rawBody: ctx.request.rawBody } satisfies ReadNodeBodyOptions);
 * ```
 */
export interface ReadNodeBodyOptions {
  /** Largest body accepted; usually `receiver.maxBodyBytes`. */
  maxBodyBytes: number;
  /** Names the framework in errors. */
  adapter?: AdapterName | undefined;
  /** How to fix this framework's setup when a parser already consumed the body (the adapter's words). */
  rawBodyFix?: string | undefined;
  /** Longest wait for the whole body, in ms (408 `BODY_TIMEOUT` after). Default: no limit. */
  bodyTimeoutMs?: number | undefined;
  /** Raw bytes a framework kept somewhere else than `req.rawBody` (koa: `ctx.request.rawBody`). */
  rawBody?: unknown;
  /** The framework's body when it is not on `req.body` (koa: `ctx.request.body`). */
  parsedBody?: unknown;
}

/** What body parsers leave on a Node request. */
type ParsedRequest = IncomingMessage & { rawBody?: unknown; body?: unknown };

/**
 * Reads a Node request's raw body as bytes, with a byte limit. Bytes a body parser already
 * kept (`req.rawBody`, a Buffer or string `req.body`) are used as they are; an unread stream is
 * read; a stream that something else already read is never waited on (that would hang): it
 * throws `RAW_BODY_UNAVAILABLE` with the fix for the adapter's framework.
 *
 * @throws DouyinPushError `BODY_TOO_LARGE` (413) as soon as the body crosses `maxBodyBytes`
 *   (or up front from `content-length`); `RAW_BODY_UNAVAILABLE` (500) when only a parsed object
 *   is left; `REQUEST_ABORTED` (400) when the client goes away mid-body.
 * @example
 * ```ts
 * const bytes = await readNodeBody(req, { maxBodyBytes: 1024 * 1024, adapter: 'node' });
 * ```
 */
export function readNodeBody(req: IncomingMessage, options: ReadNodeBodyOptions): Promise<Uint8Array> {
  // Not `async`: returning the stream's own promise saves the hops an async wrapper adds per request.
  try {
    return readBody(req, options);
  } catch (error) {
    return Promise.reject(error);
  }
}

function readBody(req: IncomingMessage, options: ReadNodeBodyOptions): Promise<Uint8Array> {
  const { maxBodyBytes, adapter } = options;
  const parsed = req as ParsedRequest;
  const kept = keptBytes(options.rawBody) ?? keptBytes(parsed.rawBody) ?? keptBytes(options.parsedBody) ?? keptBytes(parsed.body);
  if (kept) {
    if (kept.byteLength > maxBodyBytes) throw tooLarge(maxBodyBytes);
    return Promise.resolve(kept);
  }
  // `readableEnded`: a parser read it to the end. `readable === false`: ended or destroyed.
  // Either way no 'data'/'end' event will ever come again, so waiting would hang.
  if (req.readableEnded || req.destroyed || req.readable === false) throw rawBodyUnavailable(adapter, options.rawBodyFix);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBodyBytes) throw tooLarge(maxBodyBytes);
  return readStream(req, maxBodyBytes, options.bodyTimeoutMs);
}

function keptBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  return undefined;
}

function readStream(req: IncomingMessage, maxBodyBytes: number, timeoutMs: number | undefined): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // A stalled client gets the 408, and the reply closes the connection.
    const cancel = timeoutMs === undefined ? undefined : armBodyDeadline(timeoutMs, (error) => fail(error));
    // Listeners stay attached once settled (cheaper than four `off` calls on every request):
    // `settled` makes later events no-ops, and the request object goes away with the request.
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      cancel?.();
      chunks.length = 0;
      reject(error);
    };
    const onData = (chunk: Buffer | string) => {
      if (settled) return;
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      size += buffer.byteLength;
      // Stop buffering at once; the stream stays flowing, so Node discards the rest and the
      // 413 still reaches the client (https://nodejs.org/api/stream.html#event-data).
      if (size > maxBodyBytes) fail(tooLarge(maxBodyBytes));
      else chunks.push(buffer);
    };
    const onEnd = () => {
      if (settled) return;
      settled = true;
      cancel?.();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => fail(bodyStreamFailed(error));
    const onClose = () => {
      if (!req.readableEnded) fail(requestAborted('the client closed the request mid-body'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
    // A stream someone paused explicitly does not start flowing on a 'data' listener alone.
    req.resume();
  });
}

/**
 * The error for a body that something already parsed without keeping its bytes. Douyin signs
 * the exact bytes, so a re-serialised object can never be verified: the message carries the
 * adapter's own fix for its framework's setup.
 *
 * @example
 * ```ts
 * if (typeof ctx.request.body === 'object') throw rawBodyUnavailable('koa', 'mount douyinWebhook() before the body parser');
 * ```
 */
export function rawBodyUnavailable(adapter: AdapterName | undefined, fix?: string): DouyinPushError {
  const pkg = adapter && /^[a-z-]+$/.test(adapter) ? adapter.replace(/-.*$/, '') : 'core';
  return new DouyinPushError(
    'RAW_BODY_UNAVAILABLE',
    500,
    `@douyin-push/${pkg}: the request body was already read and only a parsed copy is left, but Douyin signs the exact bytes. Fix: ${fix ?? 'hand the request to douyin-push before anything reads its body'}.`,
  );
}
