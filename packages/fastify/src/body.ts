import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DouyinPushError } from '@douyin-push/core';
import { armBodyDeadline, bodyStreamFailed, bodyTooLarge, requestAborted } from '@douyin-push/core/adapter';

/**
 * The content-type parser's callback: the bytes as fastify's own reader took them (a Buffer,
 * which is a Uint8Array), limit included.
 *
 * @example
 * ```ts
 * scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: receiver.maxBodyBytes }, keepBytes);
 * ```
 */
export const keepBytes = (_request: FastifyRequest, body: Buffer, done: (error: null, body: Buffer) => void): void => done(null, body);

/** The request decoration that holds a body deadline's cancel until the body is in. */
export const kBodyDeadline = Symbol('douyin-push.bodyDeadline');
type Deadlined = FastifyRequest & { [kBodyDeadline]?: (() => void) | null };

/**
 * Arms core's body deadline for a request (fastify has none of its own: `requestTimeout` is 0 by
 * default), so a client that sends headers and stalls gets core's 408 like on every Node adapter.
 *
 * @example
 * ```ts
 * scope.addHook('onRequest', (request, reply, done) => {
 *   watchBody(request, receiver.bodyTimeoutMs, (error) => answer(() => Promise.reject(error)));
 *   done();
 * });
 * ```
 */
export function watchBody(request: FastifyRequest, timeoutMs: number, onTimeout: (error: Error) => void): void {
  (request as Deadlined)[kBodyDeadline] = armBodyDeadline(timeoutMs, onTimeout);
}

/**
 * Cancels the request's body deadline: the body is in, or its reading failed.
 *
 * @example
 * ```ts
 * const handler = (request, reply) => { bodyDone(request); answer(request.body); };
 * ```
 */
export function bodyDone(request: FastifyRequest): void {
  (request as Deadlined)[kBodyDeadline]?.();
}

/**
 * Core's error for a failure of fastify's own body reader, or `undefined` for any other error.
 * Fastify reads the body before the route runs and sends what went wrong to the scope's error
 * handler; core then answers it like every adapter does (413 `BODY_TOO_LARGE`, 400
 * `REQUEST_ABORTED`) and reports it to `onError`; on a 413 it also takes back fastify's
 * `connection: close` from `reply`. Codes: fastify.dev/docs/latest/Reference/Errors.
 *
 * @example
 * ```ts
 * scope.setErrorHandler((error, request, reply) => {
 *   const failure = bodyFailure(error, receiver.maxBodyBytes, reply);
 *   if (!failure) throw error;
 *   answer(request, reply, () => Promise.reject(failure));
 * });
 * ```
 */
export function bodyFailure(error: unknown, maxBodyBytes: number, reply: FastifyReply): DouyinPushError | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    // fastify marks every parser failure `connection: close`. After a 413 the rest of the body is
    // still read and dropped, so core's rule applies: keep the connection, or a client still
    // sending can get a reset before it reads the 413 (seen in the slow-clients flood test).
    reply.removeHeader('connection');
    return bodyTooLarge(maxBodyBytes);
  }
  if (code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return requestAborted('the body read does not match its Content-Length', error);
  // The request stream's own error: the client went away mid-body (Node: `aborted`, ECONNRESET).
  if (code === 'ECONNRESET' || error.message === 'aborted') return bodyStreamFailed(error);
  return undefined;
}
