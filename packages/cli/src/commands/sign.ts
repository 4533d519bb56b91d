import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { sign } from '@douyin-push/core';
import { parse, required } from '../args.js';
import type { Command } from '../command.js';
import { CliUsageError } from '../errors.js';
import { readAll, type CliIo } from '../io.js';

/**
 * `douyin-push sign`: prints `X-Douyin-Signature` for a body read from stdin or a file.
 *
 * @example
 * ```sh
 * printf '%s' '{"event":"verify_webhook","client_key":"abc","content":{"challenge":12345}}' \
 *   | douyin-push sign --secret test_secret_123
 * # fb7f0bfec5efd2fabbe803e03bfc6b0a186258e3
 * ```
 */
export const signCommand: Command = {
  name: 'sign',
  summary: 'print the X-Douyin-Signature of a body (stdin or a file)',
  help: `Usage: douyin-push sign --secret S [file] < body

Prints X-Douyin-Signature = lowercase hex sha1(secret + body), over the body's exact bytes:
a trailing newline is part of the body, so use printf (not echo) or a file.

Options:
  --secret S     the app's client_secret (also read from DOUYIN_CLIENT_SECRET)
  --json         print {"signature": "..."} instead
  -h, --help     show this help

Examples:
  printf '%s' '{"event":"verify_webhook","client_key":"abc","content":{"challenge":12345}}' \\
    | douyin-push sign --secret test_secret_123
  douyin-push sign --secret "$DOUYIN_CLIENT_SECRET" push.json`,
  async run(argv, ctx) {
    const { values, positionals } = parse('sign', argv, {
      secret: { type: 'string' },
      json: { type: 'boolean' },
    });
    const secret = required('sign', '--secret', values.secret ?? ctx.io.env.DOUYIN_CLIENT_SECRET, "the app's client_secret");
    const body = await readBody('sign', positionals, ctx.io);
    const signature = sign(body, secret);
    ctx.io.stdout.write(values.json ? `${JSON.stringify({ signature })}\n` : `${signature}\n`);
    return 0;
  },
};

/**
 * The body of `sign` / `verify`: a file named on the command line, else stdin (but not an
 * interactive terminal, where waiting would look like a hang).
 *
 * @example
 * ```ts
 * const body = await readBody('verify', positionals, ctx.io);
 * ```
 */
export async function readBody(command: string, positionals: readonly string[], io: CliIo): Promise<Uint8Array> {
  if (positionals.length > 1)
    throw new CliUsageError(command, `expected at most one file, got ${positionals.length}: ${positionals.join(' ')}`);
  const file = positionals[0];
  if (file !== undefined && file !== '-') {
    try {
      return await readFile(resolve(io.cwd, file));
    } catch (error) {
      throw new CliUsageError(command, `cannot read ${file}: ${(error as Error).message}`, { cause: error });
    }
  }
  if (io.stdin.isTTY) {
    throw new CliUsageError(command, 'no body: pipe it on stdin (printf \'%s\' "$BODY" | douyin-push ' + command + ' ...) or name a file');
  }
  return readAll(io.stdin);
}
