// Child processes of the benchmarks: pinned to a core with taskset when the machine has two.
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const canPin = availableParallelism() >= 2 && spawnSync('taskset', ['-V']).status === 0;

/** Server on core 0; the load generator (this process, re-executed by run.mjs) sits on core 1. */
export const SERVER_CORE = '0';
export const LOAD_CORE = '1';

export function spawnPinned(core, args, options = {}) {
  const [cmd, argv] = canPin ? ['taskset', ['-c', core, process.execPath, ...args]] : [process.execPath, args];
  return spawn(cmd, argv, options);
}

/** Starts `bench/servers/app.mjs framework variant` pinned to the server core; resolves when it listens. */
export async function startServer(framework, variant, extra = []) {
  const script = fileURLToPath(new URL('../servers/app.mjs', import.meta.url));
  const child = spawnPinned(SERVER_CORE, [script, framework, variant, ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line).ready));
    child.once('exit', (code) => reject(new Error(`${framework}/${variant} exited with ${code}`)));
  });
  const origin = `http://127.0.0.1:${port}`;
  return {
    framework,
    variant,
    origin,
    pid: child.pid,
    stats: async (reset = false) => (await fetch(`${origin}/${reset ? '__reset' : '__stats'}`)).json(),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

export const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
