import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SECRET } from './push';

const here = (file: string) => fileURLToPath(new URL(`../${file}`, import.meta.url));

/** A receiver or worker process on the built packages. */
export interface AppProcess {
  /** The receiver's base URL ('' for a worker). */
  readonly url: string;
  /** Every JSON line it printed after the ready line. */
  readonly lines: Record<string, unknown>[];
  stop(): Promise<void>;
  kill(): Promise<void>;
}

async function start(file: string, env: Record<string, string>): Promise<AppProcess> {
  const child: ChildProcess = spawn(process.execPath, [here(file)], {
    env: { ...process.env, SECRET, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Record<string, unknown>[] = [];
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    let first = true;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      if (first && 'ready' in parsed) {
        first = false;
        resolve(parsed);
      } else lines.push(parsed);
    });
    child.once('exit', (code, signal) => reject(new Error(`${file} exited (${code ?? signal}) before it was ready`)));
  });
  const end = (signal: NodeJS.Signals) => async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  };
  return {
    url: typeof ready.ready === 'number' ? `http://127.0.0.1:${ready.ready}` : '',
    lines,
    stop: end('SIGTERM'),
    kill: end('SIGKILL'),
  };
}

export const startReceiver = (env: Record<string, string>) => start('receiver.mjs', env);
export const startWorker = (env: Record<string, string>) => start('worker.mjs', env);
