import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The built bin, as `pnpm exec douyin-push` and `npx @douyin-push/cli` run it. */
export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`pnpm build\` before the cli tests`);

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI as a real process. Asynchronous on purpose: the receiver under test lives in
 * this process, and a blocking spawnSync would stop it from answering.
 */
export function runCli(
  args: readonly string[],
  options: { env?: Record<string, string>; input?: string | Buffer } = {},
): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  // The test runner may force colour; each test says what it wants.
  if (!options.env || !('FORCE_COLOR' in options.env)) delete env.FORCE_COLOR;
  if (!options.env || !('NO_COLOR' in options.env)) delete env.NO_COLOR;
  if (!options.env || !('DOUYIN_CLIENT_SECRET' in options.env)) delete env.DOUYIN_CLIENT_SECRET;
  return runNode([BIN, ...args], { env, input: options.input ?? '' });
}

/**
 * Runs `node <args>` as a real process and collects its output (stdin gets `input`, or is
 * closed at once when there is none).
 */
export function runNode(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string | Buffer } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: options.env ?? process.env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** A real HTTP server on a free 127.0.0.1 port. */
export async function listen(listener: RequestListener): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/douyin/webhook`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export const ANSI = /\u001b\[/;
