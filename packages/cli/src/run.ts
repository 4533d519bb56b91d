import { version } from '../package.json';
import type { Command } from './command.js';
import { eventsCommand } from './commands/events.js';
import { queueCommand } from './commands/queue.js';
import { sendCommand } from './commands/send.js';
import { signCommand } from './commands/sign.js';
import { spiCommand } from './commands/spi.js';
import { verifyCommand } from './commands/verify.js';
import { CliUsageError, EXIT } from './errors.js';
import { colorsFor, processIo, type CliIo } from './io.js';

const commands: readonly Command[] = [sendCommand, spiCommand, signCommand, verifyCommand, eventsCommand, queueCommand];

function topHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `douyin-push ${version}: play Douyin against your local receiver

Usage: douyin-push <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Options:
  -h, --help      show help (also: douyin-push <command> --help)
  -v, --version   print the version

Colour is on for a terminal and off when piped or when NO_COLOR is set.
Exit status: 0 success, 1 a push was not delivered / a signature did not match, 2 usage error.

Example:
  douyin-push send life_trade_order_notify --url http://127.0.0.1:3000/douyin/webhook --secret S --as-douyin`;
}

/**
 * Runs `douyin-push` with the given arguments (without `node` and the script) and resolves to
 * the exit code. Never throws: every error is printed to stderr with a pointer to `--help`.
 *
 * @example
 * ```ts
 * import { run } from '@douyin-push/cli';
 * process.exitCode = await run(['send', 'life_trade_order_notify', '--url', url, '--secret', secret]);
 * ```
 */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const ctx = { io, out: colorsFor(io.stdout, io.env), err: colorsFor(io.stderr, io.env) };
  const [name, ...rest] = argv;
  try {
    if (name === undefined) {
      io.stderr.write(`${topHelp()}\n`);
      return EXIT.usage;
    }
    if (name === '-h' || name === '--help') return print(io, topHelp());
    if (name === '-v' || name === '--version') return print(io, version);
    if (name === 'help') {
      const target = rest[0] === undefined ? undefined : find(rest[0]);
      return print(io, target ? target.help : topHelp());
    }
    const command = find(name);
    if (wantsHelp(rest)) return print(io, command.help);
    return await command.run(rest, ctx);
  } catch (error) {
    const c = ctx.err;
    if (error instanceof CliUsageError) {
      const help = error.command ? `douyin-push ${error.command} --help` : 'douyin-push --help';
      io.stderr.write(`${c.red(c.bold('error'))} ${error.message}\n${c.dim(`Run '${help}' for usage.`)}\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`${c.red(c.bold('error'))} ${message.startsWith('@douyin-push/') ? message : `@douyin-push/cli: ${message}`}\n`);
    if (io.env.DEBUG && error instanceof Error && error.stack) io.stderr.write(`${c.dim(error.stack)}\n`);
    return EXIT.usage;
  }
}

function find(name: string): Command {
  const command = commands.find((c) => c.name === name);
  if (command) return command;
  const near = commands.find((c) => distance(c.name, name) <= 2);
  throw new CliUsageError('', `unknown command '${name}'${near ? `; did you mean '${near.name}'?` : ''}`);
}

/** `--help` anywhere before a `--` terminator wins over every other flag, valid or not. */
function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

function print(io: CliIo, text: string): number {
  io.stdout.write(`${text}\n`);
  return EXIT.ok;
}

/** Levenshtein distance, for "did you mean": command names are short, so the plain table is fine. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}
