import { describe, expect, it } from 'vitest';
import { printedCommands, shellCommands } from './commands';

describe('finding the commands a README and the demo give', () => {
  it('takes each line of sh/bash blocks, joins `\\` continuations, drops comments, prompts and other blocks', () => {
    const markdown = [
      'Text with `npx inline` is not a block.',
      '```ts',
      'const notShell = 1;',
      '```',
      '```sh',
      '# 1. a comment line',
      '$ npx -y pnpm@10.34.9 install && npx -y pnpm@10.34.9 demo   # trailing comment',
      '',
      'douyin-push spi x --url http://127.0.0.1:3000/a \\',
      '  --secret "$S" --body \'{"a":"#not a comment"}\'',
      '```',
      '```bash',
      'echo done',
      '```',
    ].join('\n');
    expect(shellCommands(markdown, 'R.md')).toEqual([
      { command: 'npx -y pnpm@10.34.9 install && npx -y pnpm@10.34.9 demo', from: 'R.md:7' },
      { command: 'douyin-push spi x --url http://127.0.0.1:3000/a --secret "$S" --body \'{"a":"#not a comment"}\'', from: 'R.md:9' },
      { command: 'echo done', from: 'R.md:13' },
    ]);
  });

  it('takes the indented commands a program prints, not the `$ …` transcript of what it ran', () => {
    const output = [
      '  $ douyin-push send x --url http://127.0.0.1:1/x --secret s',
      '\u001b[32m✔ Everything answered as Douyin expects.\u001b[39m',
      'Try it yourself, against your own receiver:',
      '\u001b[36m  npx -y pnpm@10.34.9 exec douyin-push events\u001b[39m\u001b[2m        # every event\u001b[22m',
      '  pnpm exec douyin-push --help',
    ].join('\n');
    expect(printedCommands(output, 'demo').map((c) => c.command)).toEqual([
      'npx -y pnpm@10.34.9 exec douyin-push events',
      'pnpm exec douyin-push --help',
    ]);
  });
});
