import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printedCommands, shellCommands, type FoundCommand } from './commands';

// A newcomer's first hour, run for real: every command in the root README's shell blocks, and
// every command the demo then prints, pasted into a shell in a fresh `git clone` of this
// repository's HEAD (so: commit before running this), with only node, npm and npx on PATH.
// Each must exit 0. The README is parsed, so a command added to it is covered automatically.
//
// Commands that talk to a receiver (`--url http://127.0.0.1:<port>/…`) are run against
// examples/express from the clone, started by this test with DOUYIN_CLIENT_SECRET set; the URL's
// port is rewritten to the one it listens on (a fixed port may be taken on a CI machine).
const root = fileURLToPath(new URL('../../', import.meta.url));
const SECRET = 'readme_test_client_secret';

/** Commands not run here, each with the reason. Every entry must still match a README command. */
const NOT_RUN: { match: RegExp; why: string }[] = [
  {
    // `pnpm test` runs this very suite: running it from here would recurse. CI runs it itself.
    match: /\bpnpm(@[\d.]+)?\s+(run\s+)?test(\s|$)/,
    why: 'the test suite itself (it includes this test: running it here would recurse; CI runs it)',
  },
  { match: /\bpnpm(@[\d.]+)?\s+(run\s+)?test:node-matrix\b/, why: 'runs the whole test suite again under other Node versions (recursion)' },
  { match: /\bpnpm(@[\d.]+)?\s+(run\s+)?test:stress\b/, why: 'the long reliability runs (minutes; not part of the test suite by design)' },
  { match: /\bpnpm(@[\d.]+)?\s+(run\s+)?bench\b/, why: 'the benchmarks (about 4 minutes; not part of the test suite by design)' },
];

let work: string;
let clone: string;
let bin: string;
let receiver: { child: ChildProcess; port: number; log: string[] } | undefined;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'douyin-push-readme-'));
  clone = join(work, 'repo');
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  execFileSync('git', ['clone', '--quiet', '--no-checkout', root, clone]);
  execFileSync('git', ['checkout', '--quiet', '--detach', head], { cwd: clone });
  // PATH = a directory holding only node, npm and npx (symlinks to the ones running this test).
  bin = join(work, 'bin');
  mkdirSync(bin);
  for (const tool of ['node', 'npm', 'npx']) symlinkSync(tool === 'node' ? process.execPath : which(tool), join(bin, tool));
});

afterAll(async () => {
  if (receiver) await stop(receiver.child);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the root README, pasted into a shell in a fresh clone (node, npm and npx only)', () => {
  it('every command exits 0, and so does every command the demo prints', async () => {
    const readme = readFileSync(join(clone, 'README.md'), 'utf8');
    const queue: FoundCommand[] = shellCommands(readme, 'README.md');
    const failures: string[] = [];

    for (const { match, why } of NOT_RUN) {
      if (!queue.some((c) => match.test(c.command)))
        failures.push(`stale exclusion ${match} (${why}): no README command matches it any more; remove it`);
    }

    const ran: string[] = [];
    while (queue.length > 0) {
      const { command, from } = queue.shift()!;
      const skip = NOT_RUN.find(({ match }) => match.test(command));
      if (skip) {
        ran.push(`skip  ${from}  ${command}  (${skip.why})`);
        continue;
      }
      const runnable = await pointAtReceiver(command);
      const started = Date.now();
      const result = await sh(runnable);
      ran.push(
        `${result.code === 0 ? 'ok  ' : 'FAIL'}  ${from}  ${command}  → exit ${result.code}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      if (result.code !== 0) {
        failures.push(
          `${from}: \`${command}\`${runnable === command ? '' : ` (run as \`${runnable}\`)`} exited ${result.code}:\n${tail(result.output)}`,
        );
      }
      // What the demo tells the user to try next must work as printed, too.
      if (/\bdemo\b/.test(command)) queue.unshift(...printedCommands(result.output, `${from} (printed by the demo)`));
    }
    console.log(ran.join('\n'));
    if (failures.length > 0 && receiver) failures.push(`receiver log (examples/express):\n${tail(receiver.log.join('\n'))}`);
    expect(failures.join('\n\n')).toBe('');
  });
});

/** Runs one command line the way a user's shell would, in the clone, with the minimal PATH. */
function sh(command: string): Promise<{ code: number | null; output: string }> {
  const env: Record<string, string | undefined> = { PATH: bin, DOUYIN_CLIENT_SECRET: SECRET, CI: 'true', NEXT_TELEMETRY_DISABLED: '1' };
  // Only what a login shell would carry that the tools need: home (npm/pnpm caches), locale,
  // temp dir, and the network settings of this machine (proxy, extra CA certificates).
  for (const key of [
    'HOME',
    'USER',
    'LOGNAME',
    'LANG',
    'LC_ALL',
    'TMPDIR',
    'NODE_EXTRA_CA_CERTS',
    'SSL_CERT_FILE',
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'NO_PROXY',
    'http_proxy',
    'https_proxy',
    'no_proxy',
  ]) {
    if (process.env[key] !== undefined) env[key] = process.env[key];
  }
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], { cwd: clone, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** A command aimed at a local receiver gets the example receiver this test runs (started once). */
async function pointAtReceiver(command: string): Promise<string> {
  const local = /\bhttps?:\/\/(?:127\.0\.0\.1|localhost):\d+/g;
  if (!local.test(command)) return command;
  receiver ??= await startReceiver();
  return command.replace(local, `http://127.0.0.1:${receiver.port}`);
}

/** examples/express from the clone (its packages built by the README's earlier commands). */
async function startReceiver(): Promise<{ child: ChildProcess; port: number; log: string[] }> {
  const port = await freePort();
  const log: string[] = [];
  const env: Record<string, string | undefined> = {
    PATH: bin,
    HOME: process.env.HOME,
    PORT: String(port),
    DOUYIN_CLIENT_SECRET: SECRET,
    NO_COLOR: '1',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: join(clone, 'examples/express'),
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`examples/express exited with ${child.exitCode}:\n${log.join('')}`);
    if (await accepts(port)) return { child, port, log };
    if (Date.now() > deadline) throw new Error(`examples/express did not listen within 30 s:\n${log.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

function which(tool: string): string {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    try {
      execFileSync('test', ['-x', join(dir, tool)]);
      return join(dir, tool);
    } catch {
      // not in this directory
    }
  }
  throw new Error(`${tool} is not on PATH`);
}

function tail(text: string, lines = 25): string {
  return text
    .replace(/\u001b\[[0-9;]*m/g, '')
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .join('\n')
    .replace(/^/gm, '    ');
}
