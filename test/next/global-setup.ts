import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

/** The app under test: App Router and Pages Router routes on one receiver (see app/README.md). */
export const appDir = fileURLToPath(new URL('./app/', import.meta.url));
const repo = fileURLToPath(new URL('../../', import.meta.url));
// The test app uses the example app's installed next/react (it is not a workspace package).
const modules = fileURLToPath(new URL('../../examples/next/node_modules', import.meta.url));
const next = `${modules}/.bin/next`;

export const NEXT_SECRET = 'next_contract_secret';

declare module 'vitest' {
  export interface ProvidedContext {
    nextUrl: string;
  }
}

/**
 * Builds the test app once with `next build` (against the built packages: run `pnpm build`
 * first), starts `next start` on a free port, and stops it after the run.
 * `DOUYIN_NEXT_REUSE_BUILD=1` skips the build when a `.next/` is already there.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  for (const dist of ['packages/core/dist/index.js', 'packages/core/dist/node.js', 'packages/next/dist/index.js']) {
    if (!existsSync(repo + dist)) throw new Error(`test/next: ${dist} is missing; run \`pnpm build\` first`);
  }
  if (!existsSync(`${appDir}node_modules`)) symlinkSync('../../../examples/next/node_modules', `${appDir}node_modules`, 'dir');
  else if (!lstatSync(`${appDir}node_modules`).isSymbolicLink()) throw new Error('test/next: app/node_modules must be a link to examples/next/node_modules');

  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', DOUYIN_CLIENT_SECRET: NEXT_SECRET };
  if (!(process.env.DOUYIN_NEXT_REUSE_BUILD && existsSync(`${appDir}.next/BUILD_ID`))) {
    await run(spawn(next, ['build', '--no-lint'], { cwd: appDir, env: { ...env, NODE_ENV: 'production' } }), 'next build');
  }

  const server = spawn(next, ['start', '--port', '0', '--hostname', '127.0.0.1'], { cwd: appDir, env: { ...env, NODE_ENV: 'production' } });
  const url = await readyUrl(server).catch(async (error: unknown) => {
    await stop(server);
    throw error;
  });
  project.provide('nextUrl', url);
  return () => stop(server);
}

function collect(child: ChildProcess): () => string {
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  return () => log;
}

function run(child: ChildProcess, name: string): Promise<void> {
  const log = collect(child);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`test/next: ${name} exited with ${code}:\n${log()}`))));
  });
}

function readyUrl(server: ChildProcess): Promise<string> {
  const log = collect(server);
  return new Promise((resolve, reject) => {
    const onData = () => {
      // `next start --port 0` prints the port the OS picked.
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

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
