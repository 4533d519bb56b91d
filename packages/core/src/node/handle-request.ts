import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdapterName, DouyinReceiver, DouyinReply, DouyinRequest } from '../common/receiver.js';
import { readNodeBody } from './read-body.js';
import { writeNodeReply } from './write-reply.js';

/**
 * What a Node-based adapter tells {@link handleNodeRequest} about its framework.
 *
 * @example
 * ```ts
 * await handleNodeRequest(receiver, req, res, { adapter: 'next-pages', parsedBody: req.body, rawBodyFix: 'export const config = { api: { bodyParser: false } }' } satisfies HandleNodeRequestOptions);
 * ```
 */
export interface HandleNodeRequestOptions {
  /** Names the framework in errors (`'express'`, `'next-pages'`, …). Default `'node'`. */
  adapter?: AdapterName | undefined;
  /** The framework's fix, in its users' words, for a body parser that already ate the raw body. */
  rawBodyFix?: string | undefined;
  /** The URL to give core; default `req.originalUrl ?? req.url` (path + query: SPI signs the query). */
  url?: string | undefined;
  /** Raw bytes a framework kept somewhere else than `req.rawBody`. */
  rawBody?: unknown;
  /** The framework's parsed body when it is not on `req.body`. */
  parsedBody?: unknown;
}

/**
 * Runs one Node request through a receiver and writes the reply: the body is read lazily (only
 * after core's method check) with the receiver's byte limit and body deadline. Resolves with the
 * reply written; never rejects for a bad request: every failure is a reply.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { handleNodeRequest } from '@douyin-push/core/adapter';
 *
 * createServer((req, res) => void handleNodeRequest(webhooks, req, res)).listen(3000);
 * ```
 */
export function handleNodeRequest(
  receiver: DouyinReceiver,
  req: IncomingMessage,
  res: ServerResponse,
  options: HandleNodeRequestOptions = {},
): Promise<DouyinReply> {
  // Not `async` (one hop fewer per request), so a receiver that throws instead of rejecting
  // still ends as a rejection.
  try {
    return writeWhenHandled(receiver, req, res, options);
  } catch (error) {
    return Promise.reject(error);
  }
}

function writeWhenHandled(receiver: DouyinReceiver, req: IncomingMessage, res: ServerResponse, options: HandleNodeRequestOptions) {
  return receiver.handle(nodeRequest(receiver, req, options)).then((reply) => {
    writeNodeReply(res, reply);
    return reply;
  });
}

/**
 * {@link handleNodeRequest} for a listener that needs no answer back: one promise per request
 * instead of two. handle() never rejects; a failure to write (a broken socket) ends the socket.
 *
 * @example
 * ```ts
 * const options = { adapter: 'node' } as const; // once, not per request
 * createServer((req, res) => serveNodeRequest(webhooks, req, res, options)).listen(3000);
 * ```
 */
export function serveNodeRequest(
  receiver: DouyinReceiver,
  req: IncomingMessage,
  res: ServerResponse,
  options: HandleNodeRequestOptions,
): void {
  try {
    receiver.handle(nodeRequest(receiver, req, options)).then(
      (reply) => writeOrDestroy(res, reply),
      () => res.destroy(),
    );
  } catch {
    res.destroy();
  }
}

function writeOrDestroy(res: ServerResponse, reply: DouyinReply): void {
  try {
    writeNodeReply(res, reply);
  } catch {
    res.destroy();
  }
}

function nodeRequest(receiver: DouyinReceiver, req: IncomingMessage, options: HandleNodeRequestOptions): DouyinRequest {
  const adapter = options.adapter ?? 'node';
  return {
    method: req.method ?? 'GET',
    url: options.url ?? (req as { originalUrl?: string }).originalUrl ?? req.url,
    headers: req.headers,
    body: () =>
      readNodeBody(req, {
        maxBodyBytes: receiver.maxBodyBytes,
        bodyTimeoutMs: receiver.bodyTimeoutMs,
        adapter,
        rawBodyFix: options.rawBodyFix,
        rawBody: options.rawBody,
        parsedBody: options.parsedBody,
      }),
    adapter,
  };
}
