import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The app's own dependency (a database, a partner API) as the handlers see it: a real HTTP
 * server that records every push it accepted, can be "down" (503), and can hold a push's first
 * request open forever (so a test can kill the worker in the middle of that job).
 */
export interface Downstream {
  readonly url: string;
  /** Accepted pushes per msg id (a count above 1 = handled twice). */
  readonly handled: Map<string, number>;
  /** When each msg id was first handled (ms since the epoch). */
  readonly firstAt: Map<string, number>;
  up: boolean;
  /** Msg ids whose next request is held open; `held` resolves when one arrives. */
  hold(msgId: string): Promise<void>;
  close(): Promise<void>;
}

export async function startDownstream(): Promise<Downstream> {
  const handled = new Map<string, number>();
  const firstAt = new Map<string, number>();
  const holds = new Map<string, () => void>();
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const { msgId } = JSON.parse(body) as { msgId: string };
      const held = holds.get(msgId);
      if (held) {
        holds.delete(msgId);
        open.add(res);
        held();
        return; // never answered: the worker dies waiting
      }
      if (!state.up) return void res.writeHead(503).end('down');
      handled.set(msgId, (handled.get(msgId) ?? 0) + 1);
      if (!firstAt.has(msgId)) firstAt.set(msgId, Date.now());
      res.writeHead(200).end('ok');
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const state: Downstream = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    handled,
    firstAt,
    up: true,
    hold: (msgId) => new Promise((resolve) => holds.set(msgId, resolve)),
    close: () =>
      new Promise((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return state;
}
