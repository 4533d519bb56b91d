import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A loopback TCP proxy this test owns, in front of a server it does not (the shared
 * PostgreSQL): `pause` freezes every byte both ways, as a hung database or network does;
 * `cut` drops every connection, as a crashed one does. Nothing else touches the real server.
 */
export interface TcpProxy {
  readonly port: number;
  pause(): void;
  resume(): void;
  cut(): void;
  /** While true, a new connection is closed at once (a database that is restarting). */
  refusing: boolean;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let paused = false;
  const server = createServer((client) => {
    if (proxy.refusing) return void client.destroy();
    const upstream = connect(targetPort, targetHost);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    if (paused) for (const s of pair) s.pause();
    else {
      client.pipe(upstream);
      upstream.pipe(client);
    }
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // pipe() resumes a source when the destination drains; unpipe while paused so it stays frozen.
  const proxy: TcpProxy = {
    refusing: false,
    port: (server.address() as AddressInfo).port,
    pause() {
      paused = true;
      for (const [a, b] of pairs) {
        a.unpipe(b);
        b.unpipe(a);
        a.pause();
        b.pause();
      }
    },
    resume() {
      paused = false;
      for (const [a, b] of pairs) {
        a.pipe(b);
        b.pipe(a);
      }
    },
    cut() {
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      pairs.clear();
    },
    close: () =>
      new Promise((resolve) => {
        for (const [a, b] of pairs) {
          a.destroy();
          b.destroy();
        }
        server.close(() => resolve());
      }),
  };
  return proxy;
}
