import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A Next.js app started with `next start`. */
export interface RunningApp {
  url: string;
  stop: () => Promise<void>;
  /** Everything the server printed so far (stdout and stderr). */
  output: () => string;
}

/** Extra variables for the child; a variable set to `undefined` is removed from its environment. */
export type AppEnv = Record<string, string | undefined>;

const env = (extra: AppEnv) => ({ ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' as const, ...extra });

/**
 * `next build` in `dir` (skipped when `reuse` and a build is there), with `bin` the `next` CLI.
 * Linting is off: the repo has no ESLint setup for the apps; types are still checked.
 */
export function buildApp(bin: string, dir: string, extraEnv: AppEnv, reuse = false): Promise<void> {
  if (reuse && existsSync(`${dir}/.next/BUILD_ID`)) return Promise.resolve();
  const child = spawn(bin, ['build', '--no-lint'], { cwd: dir, env: env(extraEnv) });
  const log = collect(child);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`test/next: next build in ${dir} exited with ${code}:\n${log()}`)),
    );
  });
}

/** `next start` on a port the OS picks (read back from its banner), on 127.0.0.1 only. */
export async function startApp(bin: string, dir: string, extraEnv: AppEnv): Promise<RunningApp> {
  const server = spawn(bin, ['start', '--port', '0', '--hostname', '127.0.0.1'], { cwd: dir, env: env(extraEnv) });
  const stop = () => stopProcess(server);
  const output = collect(server);
  const url = await readyUrl(server).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url, stop, output };
}

function collect(child: ChildProcess): () => string {
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  return () => log;
}

function readyUrl(server: ChildProcess): Promise<string> {
  const log = collect(server);
  return new Promise((resolve, reject) => {
    const onData = () => {
      const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(log());
      if (match && /Ready in/.test(log())) {
        server.stdout?.off('data', onData);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    };
    server.stdout?.on('data', onData);
    setTimeout(() => reject(new Error(`test/next: next start not ready after 60 s:\n${log()}`)), 60_000).unref();
    server.once('error', reject);
    server.once('exit', (code) => reject(new Error(`test/next: next start exited with ${code}:\n${log()}`)));
  });
}

async function stopProcess(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
