import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: true }>>;
import { CliUsageError } from './errors.js';

/**
 * `node:util` parseArgs in strict mode, with its errors turned into usage errors that name the
 * command (so the message can point at that command's `--help`).
 *
 * @example
 * ```ts
 * const { values, positionals } = parse('send', argv, { url: { type: 'string' } });
 * ```
 */
export function parse<const O extends Options>(command: string, argv: readonly string[], options: O): Parsed<O> {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    // parseArgs messages are good ("Unknown option '--urll'"); only the advice after them is noise.
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional.*$/s, '') : String(error);
    throw new CliUsageError(command, message, { cause: error });
  }
}

/**
 * A whole number flag within bounds, or a usage error that says which flag and why.
 *
 * @example
 * ```ts
 * const retries = integer('send', '--retries', values.retries, { min: 0, max: 20 }) ?? 0;
 * ```
 */
export function integer(
  command: string,
  flag: string,
  raw: string | undefined,
  { min, max }: { min: number; max: number },
): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new CliUsageError(command, `${flag} must be a whole number from ${min} to ${max}, got '${raw}'`);
  }
  return value;
}

/**
 * The one value a flag must have, or a usage error that says what it is for.
 *
 * @example
 * ```ts
 * const url = required('send', '--url', values.url, 'the receiver to send to');
 * ```
 */
export function required(command: string, flag: string, raw: string | undefined, what: string): string {
  if (raw === undefined || raw === '') throw new CliUsageError(command, `missing ${flag} (${what})`);
  return raw;
}

/**
 * An http(s) URL, checked before anything is signed or sent.
 *
 * @example
 * ```ts
 * const url = httpUrl('send', values.url);
 * ```
 */
export function httpUrl(command: string, raw: string | undefined): string {
  const text = required(command, '--url', raw, 'the receiver to send to, e.g. http://127.0.0.1:3000/douyin/webhook');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliUsageError(command, `--url is not a URL: '${text}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliUsageError(command, `--url must be http:// or https://, got '${text}'`);
  }
  return url.href;
}

/**
 * JSON text given on the command line, parsed, or a usage error quoting the parser.
 *
 * @example
 * ```ts
 * const content = json('send', '--content', values.content);
 * ```
 */
export function json(command: string, flag: string, raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch (error) {
    throw new CliUsageError(command, `${flag} is not valid JSON (${(error as Error).message}): ${raw}`, { cause: error });
  }
}
