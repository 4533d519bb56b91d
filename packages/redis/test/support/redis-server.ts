import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A redis-server child process this test run started (never a server somebody else runs). */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** SIGKILL by default: a crash, no goodbye to clients. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Start again on the same port (the clients reconnect to it). */
  restart(): Promise<void>;
}

const BINARY = process.env.REDIS_SERVER_BIN ?? 'redis-server';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /**
   * Keep data across restarts with an append-only file fsynced before every reply, in this
   * (temporary) directory. Default: no persistence, a restarted server starts empty.
   */
  aofDir?: string;
  /** More `redis-server` arguments, e.g. `['--maxmemory-policy', 'allkeys-lru']`. */
  args?: readonly string[];
}

function launch(port: number, options: RedisServerOptions): Promise<ChildProcess> {
  const persistence = options.aofDir ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', options.aofDir] : ['--appendonly', 'no'];
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, ...(options.args ?? [])];
  const child = spawn(BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error) => reject(new Error(`cannot run ${BINARY}: ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`${BINARY} exited with ${code}:\n${output}`)));
  });
}

/**
 * Start `redis-server` on a free 127.0.0.1 port (no persistence unless `aofDir` is given). Retries a few ports in
 * case another process grabbed the probed one first.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    try {
      let child = await launch(port, options);
      const server: RedisServer = {
        port,
        url: `redis://127.0.0.1:${port}`,
        async stop(signal = 'SIGKILL') {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.kill(signal);
          await exited;
        },
        async restart() {
          await server.stop();
          child = await launch(port, options);
        },
      };
      return server;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
