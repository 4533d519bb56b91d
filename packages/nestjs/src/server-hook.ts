import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { DouyinReceiver } from '@douyin-push/core';
import { handleNodeRequest, matchesPath } from '@douyin-push/core/adapter';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Answers `path` on the HTTP server itself, before the framework Nest runs on (express or
 * fastify) gets the request, and hands every other request to it unchanged. Douyin signs the
 * exact bytes, and Nest's body parsers run before any Nest middleware: reading the body here is
 * the one place that works whatever `rawBody` / `bodyParser` say, with the receiver's
 * `maxBodyBytes` instead of the parser's 100 kb. Returns the undo.
 *
 * @example
 * ```ts
 * const undo = answerOnServer(app.getHttpServer(), webhooks, '/douyin/webhook');
 * ```
 */
export function answerOnServer(server: Server, receiver: DouyinReceiver, path: string): () => void {
  const framework = server.listeners('request') as RequestListener[];
  const listener: RequestListener = (req, res) => {
    // A bad request is already a reply; what still rejects is a receiver whose handle() throws or
    // a reply that cannot be written. That ends this request, never the process (an unhandled
    // rejection would).
    if (matchesPath(req.url, path)) handleNodeRequest(receiver, req, res, { adapter: 'nestjs' }).catch(() => res.destroy());
    else for (const handle of framework) handle.call(server, req, res);
  };
  server.removeAllListeners('request');
  server.on('request', listener);
  return () => {
    server.off('request', listener);
    for (const handle of framework) server.on('request', handle);
  };
}
