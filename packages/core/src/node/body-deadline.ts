import { createDeadlineQueue } from '../common/deadline.js';
import { DouyinPushError } from '../common/errors.js';

// One queue for every body deadline: a setTimeout + clearTimeout per request cost more.
const bodyDeadlines = createDeadlineQueue();

/**
 * Arms the body deadline of one request: unless cancelled first, `onTimeout` gets the 408
 * `BODY_TIMEOUT` error after `timeoutMs`. A client that sends headers and stalls would otherwise
 * hold the socket for the server's own timeout (300 s on node:http, none on fastify). Used by
 * core's stream reader and by adapters whose framework reads the body itself.
 *
 * @example
 * ```ts
 * const cancel = armBodyDeadline(receiver.bodyTimeoutMs, (error) => answer(() => Promise.reject(error)));
 * stream.once('end', cancel);
 * ```
 */
export function armBodyDeadline(timeoutMs: number, onTimeout: (error: DouyinPushError) => void): () => void {
  return bodyDeadlines.add(Date.now() + timeoutMs, () =>
    onTimeout(new DouyinPushError('BODY_TIMEOUT', 408, `The request body did not arrive within bodyTimeoutMs (${timeoutMs} ms).`)),
  );
}
