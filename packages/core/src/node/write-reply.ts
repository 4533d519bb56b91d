import type { ServerResponse } from 'node:http';
import type { DouyinReply } from '../common/receiver.js';

const encodedReplies = new WeakMap<DouyinReply, { body: Buffer; headers: Record<string, string | number> }>();

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
  let encoded = encodedReplies.get(reply);
  if (!encoded) {
    const body = Buffer.from(reply.body, 'utf8');
    encoded = { body, headers: { ...reply.headers, 'content-length': body.byteLength } };
    // Core answers most pushes with the same few reply objects: encode each once.
    if (Object.isFrozen(reply)) encodedReplies.set(reply, encoded);
  }
  const { body, headers } = encoded;
  if (res.headersSent) {
    // Someone else answered first; the status can no longer change, so only finish the reply.
    res.end();
    return;
  }
  // One writeHead instead of a setHeader per header: cheaper on the per-push path.
  res.writeHead(reply.status, headers).end(body);
}
