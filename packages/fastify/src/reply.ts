import type { FastifyReply } from 'fastify';
import type { DouyinReply } from '@douyin-push/core';

/**
 * Writes core's reply through fastify's `reply`. A throw while writing goes to fastify's error
 * handler; caught here rather than by a `.catch` on the caller's promise, which would cost a
 * second promise per request.
 *
 * @example
 * ```ts
 * void receiver.handle(request).then((result) => sendReply(reply, result));
 * ```
 */
export function sendReply(reply: FastifyReply, result: DouyinReply): void {
  try {
    reply.code(result.status).headers(result.headers).send(result.body);
  } catch (error) {
    reply.send(error);
  }
}
