// Child processes of the benchmarks: the server on CPU 1, the load generator on CPU 0 (taskset).
//
// Whether we can pin is decided from the machine's CPU count (os.cpus()), not from
// availableParallelism(): the latter reads this process's affinity, so inside a process that
// run.mjs already pinned to one CPU it answers 1, and the servers it started were silently left
// unpinned on the load generator's CPU (the bug behind the 1.00–1.19 figures, bench/README.md).
import { spawn, spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const hasTaskset = spawnSync('taskset', ['-V']).status === 0;
export const canPin = cpus().length >= 2 && hasTaskset;
export const SERVER_CORE = '1';
export const LOAD_CORE = '0';
export const pinWarning = canPin
  ? undefined
  : `warning: not pinned (${hasTaskset ? 'fewer than 2 CPUs' : 'taskset missing: apt-get install util-linux'}); server and load generator share CPUs, so the ratios are compressed toward 1.`;

/** `node ...args` on `core` (taskset -c core), or unpinned when pinning is impossible. */
export function spawnPinned(core, args, options = {}) {
  const [cmd, argv] = canPin ? ['taskset', ['-c', core, process.execPath, ...args]] : [process.execPath, args];
  return spawn(cmd, argv, options);
}

/** Starts `bench/servers/app.mjs framework variant` pinned to the server CPU; resolves when it listens. */
export async function startServer(framework, variant, { nodeFlags = [], extra = [] } = {}) {
  const script = fileURLToPath(new URL('../servers/app.mjs', import.meta.url));
  const child = spawnPinned(SERVER_CORE, [...nodeFlags, script, framework, variant, ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
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
