/** One shell command found in a document, with where it came from (for failure messages). */
export interface FoundCommand {
  command: string;
  from: string;
}

const ANSI = /\u001b\[[0-9;]*m/g;
const SHELL_FENCE = /^```(?:sh|bash|shell|console|zsh)\s*$/;

/**
 * Every command in the markdown's shell blocks (```sh, bash, shell, console, zsh), one per
 * line: `\` continuations joined, comments and a leading `$ ` prompt removed, blank lines skipped.
 *
 * @example
 * ```ts
 * shellCommands('```sh\nnpx -y pnpm@10.34.9 install  # deps\n```', 'README.md');
 * // → [{ command: 'npx -y pnpm@10.34.9 install', from: 'README.md:2' }]
 * ```
 */
export function shellCommands(markdown: string, file: string): FoundCommand[] {
  const found: FoundCommand[] = [];
  const lines = markdown.split('\n');
  let inBlock = false;
  let pending: { text: string; line: number } | undefined;
  lines.forEach((raw, index) => {
    if (!inBlock) {
      inBlock = SHELL_FENCE.test(raw.trim());
      return;
    }
    if (raw.trim().startsWith('```')) {
      inBlock = false;
      pending = undefined;
      return;
    }
    const text = stripComment(raw)
      .trim()
      .replace(/^\$\s+/, '');
    if (pending) {
      pending.text += ` ${text.replace(/\\$/, '').trim()}`;
    } else if (text !== '') {
      pending = { text: text.replace(/\\$/, '').trim(), line: index + 1 };
    }
    if (pending && !text.endsWith('\\')) {
      found.push({ command: pending.text, from: `${file}:${pending.line}` });
      pending = undefined;
    }
  });
  return found;
}

/**
 * The commands a program's output tells the user to run: indented lines that start with a
 * command (`npx`, `npm`, `pnpm`, `node`, `douyin-push`), not the `$ …` transcript of what it ran.
 *
 * @example
 * ```ts
 * printedCommands('Try it yourself:\n  npx -y pnpm@10.34.9 exec douyin-push --help\n', 'demo');
 * ```
 */
export function printedCommands(output: string, from: string): FoundCommand[] {
  return output
    .replace(ANSI, '')
    .split('\n')
    .filter((line) => /^\s+(npx|npm|pnpm|node|douyin-push)\s/.test(line))
    .map((line) => ({ command: stripComment(line).trim(), from }));
}

/** `cmd # comment` → `cmd`, leaving a `#` inside quotes (or inside a word, like a URL's #hash) alone. */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]!))) {
      return line.slice(0, i);
    }
  }
  return line;
}
