import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { DouyinReceiver } from '@douyin-push/core';
import { matchesPath, serveNodeRequest } from '@douyin-push/core/adapter';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

// Shared by every request (serveNodeRequest only reads it).
const NESTJS = { adapter: 'nestjs' } as const;

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
    // A bad request is already a reply; a receiver whose handle() throws, or a reply that cannot be
    // written, ends this request (serveNodeRequest closes it), never the process.
    if (matchesPath(req.url, path)) serveNodeRequest(receiver, req, res, NESTJS);
    else for (const handle of framework) handle.call(server, req, res);
  };
  server.removeAllListeners('request');
  server.on('request', listener);
  return () => {
    server.off('request', listener);
    for (const handle of framework) server.on('request', handle);
  };
}
