import { toBytes } from './bytes.js';
import { DouyinPushError } from './errors.js';
import type { BodySource } from './receiver.js';

/**
 * The 413 every body reader throws once a body crosses the limit.
 *
 * @example
 * ```ts
 * if (received > maxBodyBytes) throw bodyTooLarge(maxBodyBytes);
 * ```
 */
export function bodyTooLarge(maxBodyBytes: number): DouyinPushError {
  return new DouyinPushError('BODY_TOO_LARGE', 413, `The request body is larger than maxBodyBytes (${maxBodyBytes} bytes).`);
}

/**
 * The 400 for a body whose upload failed: the client went away mid-body, or the stream errored.
 *
 * @example
 * ```ts
 * req.on('close', () => req.readableEnded || fail(requestAborted('the client closed the request mid-body')));
 * ```
 */
export function requestAborted(message: string, cause?: unknown): DouyinPushError {
  return new DouyinPushError('REQUEST_ABORTED', 400, message, cause === undefined ? undefined : { cause });
}

/**
 * The 400 for a request stream that errored while its body was read (Node: `aborted`,
 * `ECONNRESET`): one wording for core's reader and for adapters whose framework reads the body.
 *
 * @example
 * ```ts
 * req.on('error', (error) => fail(bodyStreamFailed(error)));
 * ```
 */
export function bodyStreamFailed(error: Error): DouyinPushError {
  return requestAborted(`reading the request body failed: ${error.message}`, error);
}

/**
 * Resolves a {@link BodySource} to bytes and enforces the size limit.
 *
 * @example
 * ```ts
 * const rawBody = await resolveBody(request.body, 1024 * 1024);
 * ```
 */
export function resolveBody(source: BodySource | undefined, maxBodyBytes: number): Promise<Uint8Array> | Uint8Array {
  if (source === undefined) return new Uint8Array(0);
  if (typeof source === 'function') return source().then((b) => limitBody(toBytes(b), maxBodyBytes));
  return limitBody(toBytes(source), maxBodyBytes);
}

/**
 * The bytes, or the 413 when they cross the limit.
 *
 * @example
 * ```ts
 * const rawBody = limitBody(await readSomehow(), 1024 * 1024);
 * ```
 */
export function limitBody(bytes: Uint8Array, maxBodyBytes: number): Uint8Array {
  if (bytes.byteLength > maxBodyBytes) throw bodyTooLarge(maxBodyBytes);
  return bytes;
}

/**
 * Reads a web `Request` body to bytes, refusing early (by `content-length`) or as soon as the
 * stream crosses the limit, so an oversized body is never held in memory.
 *
 * @example
 * ```ts
 * const rawBody = await readWebBody(request, 1024 * 1024);
 * ```
 */
export async function readWebBody(request: Request, maxBodyBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length'));
  if (declared > maxBodyBytes) throw bodyTooLarge(maxBodyBytes);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (cause) {
      throw requestAborted('the client closed the request mid-body', cause);
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > maxBodyBytes) {
      // Not awaited: edge-runtime hands us one branch of a tee, whose cancel waits for the other.
      void reader.cancel().catch(() => undefined);
      throw bodyTooLarge(maxBodyBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
