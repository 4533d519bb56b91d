import { DouyinPushError } from '@douyin-push/core';

/**
 * Exit codes of `douyin-push`: 1 when the command ran but the receiver did not accept every
 * push (or a signature did not match), 2 when the command itself could not run.
 *
 * @example
 * ```ts
 * if ((await run(argv)) === EXIT.failed) console.error('the receiver refused a push');
 * ```
 */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * A mistake in how the command was called (unknown flag, missing `--url`, unreadable file, bad
 * JSON). The CLI prints the message and the command's `--help` pointer, and exits 2.
 *
 * @example
 * ```ts
 * if (!values.url) throw new CliUsageError('send', 'missing --url (the receiver to send to)');
 * ```
 */
export class CliUsageError extends DouyinPushError {
  override readonly name = 'CliUsageError';
  /** The command whose `--help` the message points at ('' for the top level). */
  readonly command: string;

  constructor(command: string, message: string, options?: { cause?: unknown }) {
    super('CLI_USAGE', 400, `@douyin-push/cli: ${message}`, options);
    this.command = command;
  }
}
