import { DouyinPushError } from './errors.js';
import type { DouyinReply } from './receiver.js';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' } as const;

/**
 * A 200 JSON reply. Douyin reads only the status of a push reply (protocol §2.3).
 *
 * @example
 * ```ts
 * jsonReply(200, { challenge: 12345 }); // { status: 200, body: '{"challenge":12345}', ... }
 * ```
 */
export function jsonReply(status: number, body: unknown, headers?: Record<string, string>): DouyinReply {
  return { status, headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

// A 408 leaves a stalled request on the socket: close it. (A 413 does not: the Node reader keeps
// discarding the rest of the body, so the connection stays usable, and closing while the client
// still sends would reset the connection before it reads the 413.)
const CLOSE = { connection: 'close' };
const ALLOW_POST = { allow: 'POST' };
const GENERIC_5XX = 'The request was not handled; Douyin will send it again.';

/**
 * The reply for an error: its status, `{ code, message }`, `Allow: POST` on 405. A 5xx never
 * carries the error's message (it may hold internals).
 *
 * @example
 * ```ts
 * errorReply(new DouyinPushError('SIGNATURE_MISSING', 401, 'no signature')).status; // 401
 * ```
 */
export function errorReply(error: DouyinPushError): DouyinReply {
  const reply = jsonReply(
    error.status,
    { code: error.code, message: error.expose ? (error.publicMessage ?? error.message) : GENERIC_5XX },
    error.status === 405 ? ALLOW_POST : error.status === 408 ? CLOSE : undefined,
  );
  reply.errorCode = error.code;
  return reply;
}

/**
 * Any thrown value as a DouyinPushError (unknown failures become a 500).
 *
 * @example
 * ```ts
 * const error = toDouyinError(caught);
 * ```
 */
export function toDouyinError(error: unknown): DouyinPushError {
  if (error instanceof DouyinPushError) return error;
  return new DouyinPushError('INTERNAL_ERROR', 500, `Unexpected failure: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
  });
}
