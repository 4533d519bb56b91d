/**
 * Starts the test app inside each runtime on 127.0.0.1, a free port: Bun and Deno from their npm
 * packages' binaries, edge-runtime in its own Node process, workerd through Miniflare.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleApp } from './bundle';

/** A runtime serving the test app. */
export interface RunningRuntime {
  origin: string;
  /** The runtime's own version (Bun.version, Deno.version.deno, workerd's, edge-runtime's). */
  version: string;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

/**
 * The binary an npm package ships in its platform package (`@oven/bun-linux-x64`,
 * `@deno/linux-x64-glibc`). Taken from there, not the wrapper's bin: pnpm does not run the
 * wrappers' postinstall (which would copy the binary), and nothing else is downloaded.
 */
function platformBinary(wrapper: string, platformPackage: string, file: string): string {
  const fromWrapper = createRequire(require.resolve(`${wrapper}/package.json`));
  return join(fromWrapper.resolve(`${platformPackage}/package.json`), '..', file);
}

const arch = process.arch === 'arm64' ? 'aarch64' : 'x64';
const bunBinary = () => platformBinary('bun', `@oven/bun-${process.platform}-${arch}`, 'bin/bun');
const denoBinary = () =>
  platformBinary(
    'deno',
    `@deno/${process.platform}-${process.arch === 'arm64' ? 'arm64' : 'x64'}${process.platform === 'linux' ? '-glibc' : ''}`,
    'deno',
  );

/** Runs a child that prints `LISTENING <port> <version>` once it serves; resolves then. */
function child(command: string, args: string[], env: Record<string, string>, cleanup: () => void): Promise<RunningRuntime> {
  const proc: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const close = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
    await exited;
    cleanup();
  };
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      void close();
      reject(new Error(`${command} ${args.join(' ')}: ${why}\n${output}`));
    };
    const timer = setTimeout(() => fail('did not start within 20 s'), 20_000);
    proc.stderr!.on('data', (chunk: Buffer) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    proc.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /LISTENING (\d+) (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ origin: `http://127.0.0.1:${match[1]}`, version: match[2]!, close });
      }
    });
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(`exited (${code ?? signal}) before listening`);
    });
  });
}

function tempFile(name: string, code: string): { file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'douyin-runtimes-'));
  writeFileSync(join(dir, name), code);
  return { file: join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `Bun.serve` running the bundle, in the bun binary of the `bun` npm package. */
export async function startBun(): Promise<RunningRuntime> {
  const { file, cleanup } = tempFile('bun.mjs', await bundleApp('bun', { format: 'esm', nodeBuiltins: true }));
  return child(bunBinary(), ['run', file], { BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' }, cleanup);
}

/** `Deno.serve` running the bundle, in the deno binary of the `deno` npm package (network: loopback only). */
export async function startDeno(): Promise<RunningRuntime> {
  const { file, cleanup } = tempFile('deno.mjs', await bundleApp('deno', { format: 'esm', nodeBuiltins: true }));
  const denoDir = mkdtempSync(join(tmpdir(), 'douyin-deno-dir-'));
  return child(
    denoBinary(),
    ['run', '--no-prompt', '--no-config', '--no-lock', '--allow-net=127.0.0.1', file],
    { DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
    () => {
      cleanup();
      rmSync(denoDir, { recursive: true, force: true });
    },
  );
}

/** edge-runtime's `runServer` running the bundle as a fetch-event script, in a Node child process. */
export async function startEdge(): Promise<RunningRuntime> {
  const { file, cleanup } = tempFile('edge.js', await bundleApp('edge', { format: 'iife', nodeBuiltins: false }));
  const host = fileURLToPath(new URL('./app/edge-host.mjs', import.meta.url));
  return child(process.execPath, [host, file], {}, cleanup);
}

/** A Workers module in workerd through Miniflare, WITHOUT `nodejs_compat` (as a plain Worker). */
export async function startWorkerd(): Promise<RunningRuntime> {
  const { Miniflare } = await import('miniflare');
  const script = await bundleApp('worker', { format: 'esm', nodeBuiltins: false });
  const mf = new Miniflare({
    modules: true,
    script,
    compatibilityDate: '2026-04-01',
    host: '127.0.0.1',
    port: 0,
  });
  const url = await mf.ready;
  const fromMiniflare = createRequire(require.resolve('miniflare'));
  const version = (fromMiniflare('workerd/package.json') as { version: string }).version;
  return { origin: url.origin, version, close: () => mf.dispose() };
}
