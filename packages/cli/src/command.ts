import type { CliIo, Colors } from './io.js';

/**
 * What every command gets: the streams, and colours decided per stream (stdout may be piped
 * while stderr is a terminal).
 *
 * @example
 * ```ts
 * ctx.io.stdout.write(ctx.out.green('valid') + '\n');
 * ```
 */
export interface CommandContext {
  io: CliIo;
  out: Colors;
  err: Colors;
}

/**
 * One `douyin-push <name>` command: its one-line summary for the command list, its `--help`
 * text, and `run`, which resolves to the exit code (usage errors are thrown as CliUsageError).
 *
 * @example
 * ```ts
 * export const hello: Command = {
 *   name: 'hello', summary: 'say hello', help: 'Usage: douyin-push hello',
 *   async run(argv, ctx) { ctx.io.stdout.write('hello\n'); return 0; },
 * };
 * ```
 */
export interface Command {
  name: string;
  summary: string;
  help: string;
  run(argv: readonly string[], ctx: CommandContext): Promise<number>;
}
