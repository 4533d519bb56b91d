/** Test glue shared by the start() files: listen on a free port, close without waiting on keep-alive. */
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DouyinReceiver } from '@douyin-push/core';
import { matchesPath } from '@douyin-push/core/adapter';
import type { ContractServer } from './suite.js';

/** Listens on 127.0.0.1, port 0, and returns the origin and a close() that drops idle sockets. */
export async function listen(server: Server, extra: Partial<ContractServer> = {}): Promise<ContractServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    ...extra,
  };
}

/** A node:http listener for a server (a Node app framework's handler). */
export function serve(listener: RequestListener, extra: Partial<ContractServer> = {}): Promise<ContractServer> {
  return listen(createServer(listener), extra);
}

/**
 * Serves `receiver.handleRequest` (the web-standard entry of core) over node:http, the way a
 * fetch-based runtime would: a web Request in, a web Response out. Only the glue lives here.
 */
export function serveWeb(receiver: DouyinReceiver, path: string): Promise<ContractServer> {
  return serve(async (req, res) => {
    if (!matchesPath(req.url, path)) {
      res.writeHead(404).end();
      return;
    }
    const method = req.method ?? 'GET';
    const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, {
      method,
      headers: toHeaders(req),
      body: method === 'GET' || method === 'HEAD' ? undefined : toWebStream(req),
      duplex: 'half',
    } as RequestInit);
    const response = await receiver.handleRequest(request);
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, { ...Object.fromEntries(response.headers), 'content-length': body.byteLength });
    res.end(body);
  });
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  return headers;
}

/** A body stream whose cancel only stops reading (a runtime would not tear the socket down either). */
function toWebStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer) => cancelled || controller.enqueue(new Uint8Array(chunk)));
      req.on('end', () => cancelled || controller.close());
      req.on('error', (error) => cancelled || controller.error(error));
    },
    cancel() {
      // Keep draining so the reply still reaches the client.
      cancelled = true;
    },
  });
}
