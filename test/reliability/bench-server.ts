/**
 * A receiver app in its own process (bench/servers/app.mjs on the built packages), so its memory
 * can be read apart from the test's: GET /__stats answers `{ pushes, memory }` of that process.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const APP = fileURLToPath(new URL('../../bench/servers/app.mjs', import.meta.url));
const BUILT = fileURLToPath(new URL('../../packages/core/dist/index.js', import.meta.url));

/** The frameworks bench/servers/app.mjs can start, each with the douyin-push adapter. */
export const FRAMEWORKS = ['node', 'express5', 'express4', 'koa3', 'koa2', 'fastify', 'web'] as const;

export interface ServerStats {
  pushes: number;
  memory: NodeJS.MemoryUsage;
}

export interface AppProcess {
  framework: string;
  origin: string;
  /** `live`: collect garbage in the server first. */
  stats(live?: boolean): Promise<ServerStats>;
  stop(): Promise<void>;
}

export async function startApp(framework: string, maxBodyBytes: number): Promise<AppProcess> {
  if (!existsSync(BUILT)) throw new Error('the slow-client tests run the built packages: run `pnpm build` first');
  const child = spawn(process.execPath, ['--expose-gc', APP, framework, 'adapter', String(maxBodyBytes)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { ready: number }).ready));
    child.once('exit', (code) => reject(new Error(`${framework} app exited with ${code}`)));
  });
  const origin = `http://127.0.0.1:${port}`;
  return {
    framework,
    origin,
    stats: async (live = false) => (await (await fetch(`${origin}/__stats${live ? '?gc' : ''}`)).json()) as ServerStats,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Buffers a process holds outside the JS heap (request bodies live there) plus its heap. */
export const held = (m: NodeJS.MemoryUsage) => m.arrayBuffers + m.heapUsed;
