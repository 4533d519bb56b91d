import { createColors } from 'picocolors';

/**
 * The streams and environment one CLI run talks to (the real process, or anything shaped like it).
 *
 * @example
 * ```ts
 * let out = '';
 * const io: CliIo = { ...processIo(), stdout: { write: (s: string) => (out += s) } };
 * await run(['events', '--json'], io);
 * ```
 */
export interface CliIo {
  stdout: { write(chunk: string): unknown; isTTY?: boolean | undefined };
  stderr: { write(chunk: string): unknown; isTTY?: boolean | undefined };
  /** Read when a command takes its input on stdin (`sign`, `verify`). */
  stdin: AsyncIterable<Uint8Array | string> & { isTTY?: boolean | undefined };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/**
 * The real process: what `douyin-push` uses.
 *
 * @example
 * ```ts
 * process.exitCode = await run(process.argv.slice(2), processIo());
 * ```
 */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}

/** picocolors' formatters, switched on or off for one stream. */
export type Colors = ReturnType<typeof createColors>;

/**
 * Colour only for a person at a terminal: off when piped, and off whenever `NO_COLOR` is set to
 * anything non-empty (https://no-color.org); `FORCE_COLOR` turns it on for a pipe.
 *
 * @example
 * ```ts
 * const c = colorsFor(process.stdout, process.env);
 * console.log(c.green('✔ 200'));
 * ```
 */
export function colorsFor(stream: { isTTY?: boolean | undefined }, env: CliIo['env']): Colors {
  if (env.NO_COLOR) return createColors(false);
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return createColors(true);
  return createColors(Boolean(stream.isTTY) && env.TERM !== 'dumb');
}

/**
 * All of stdin as bytes, exactly as given (signatures cover every byte, trailing newline too).
 *
 * @example
 * ```ts
 * const body = await readAll(process.stdin);
 * ```
 */
export async function readAll(stdin: CliIo['stdin']): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
