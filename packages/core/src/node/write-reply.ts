import type { ServerResponse } from 'node:http';
import type { DouyinReply } from '../common/receiver.js';

const replyHeaders = new WeakMap<DouyinReply, Record<string, string | number>>();

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
  let headers = replyHeaders.get(reply);
  if (!headers) {
    headers = { ...reply.headers, 'content-length': Buffer.byteLength(reply.body, 'utf8') };
    // Core answers most pushes with the same few reply objects: their headers are built once.
    if (Object.isFrozen(reply)) replyHeaders.set(reply, headers);
  }
  if (res.headersSent) {
    // Someone else answered first; the status can no longer change, so only finish the reply.
    res.end();
    return;
  }
  // One writeHead instead of a setHeader per header; the body as a string, which Node sends in
  // one chunk with the head (a Buffer body goes out as a second chunk of a writev).
  res.writeHead(reply.status, headers).end(reply.body);
}
