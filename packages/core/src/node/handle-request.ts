import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdapterName, DouyinReceiver, DouyinReply } from '../shared/receiver.js';
import { readNodeBody } from './read-body.js';
import { writeNodeReply } from './write-reply.js';

/**
 * What a Node-based adapter tells {@link handleNodeRequest} about its framework.
 *
 * @example
 * ```ts
 * await handleNodeRequest(receiver, req, res, { adapter: 'next-pages', parsedBody: req.body } satisfies HandleNodeRequestOptions);
 * ```
 */
export interface HandleNodeRequestOptions {
  /** Names the framework in errors (`'express'`, `'next-pages'`, …). Default `'node'`. */
  adapter?: AdapterName | undefined;
  /** The URL to give core; default `req.originalUrl ?? req.url` (path + query: SPI signs the query). */
  url?: string | undefined;
  /** Raw bytes a framework kept somewhere else than `req.rawBody`. */
  rawBody?: unknown;
  /** The framework's parsed body when it is not on `req.body`. */
  parsedBody?: unknown;
}

/**
 * Runs one Node request through a receiver and writes the reply: the body is read lazily (only
 * after core's method check) with the receiver's byte limit. Resolves with the reply written.
 * Never rejects for a bad request: every failure is a reply.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createDouyinWebhooks } from '@douyin-push/core';
 * import { handleNodeRequest } from '@douyin-push/core/node';
 *
 * const webhooks = createDouyinWebhooks({ clientSecret: process.env.DOUYIN_CLIENT_SECRET! });
 * createServer((req, res) => void handleNodeRequest(webhooks, req, res)).listen(3000);
 * ```
 */
export async function handleNodeRequest(
  receiver: DouyinReceiver,
  req: IncomingMessage,
  res: ServerResponse,
  options: HandleNodeRequestOptions = {},
): Promise<DouyinReply> {
  const adapter = options.adapter ?? 'node';
  const reply = await receiver.handle({
    method: req.method ?? 'GET',
    url: options.url ?? (req as { originalUrl?: string }).originalUrl ?? req.url,
    headers: req.headers,
    body: () =>
      readNodeBody(req, {
        maxBodyBytes: receiver.maxBodyBytes,
        adapter,
        rawBody: options.rawBody,
        parsedBody: options.parsedBody,
      }),
    adapter,
  });
  writeNodeReply(res, reply);
  return reply;
}
