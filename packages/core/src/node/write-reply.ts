import type { ServerResponse } from 'node:http';
import type { DouyinReply } from '../shared/receiver.js';

/**
 * Writes core's reply to a Node response: status, headers, and the UTF-8 body with its byte
 * length as `content-length` (the string length would be wrong for any non-ASCII message).
 *
 * @example
 * ```ts
 * writeNodeReply(res, await receiver.handle(request));
 * ```
 */
export function writeNodeReply(res: ServerResponse, reply: DouyinReply): void {
  const body = Buffer.from(reply.body, 'utf8');
  if (res.headersSent) {
    // Someone else answered first; the status can no longer change, so only finish the reply.
    res.end();
    return;
  }
  // One writeHead instead of a setHeader per header: cheaper on the per-push path.
  res.writeHead(reply.status, { ...reply.headers, 'content-length': body.byteLength }).end(body);
}
