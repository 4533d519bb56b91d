// "No protocol logic in an adapter": each adapter is one small file that reads bytes, calls
// core and writes the reply. Another adapter joins by adding its source files here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const adapters = [
  'packages/express/src/index.ts',
  'packages/koa/src/index.ts',
  'packages/fastify/src/index.ts',
  'packages/fastify/src/body.ts',
  'packages/next/src/index.ts',
  'packages/hono/src/index.ts',
];

// Signature, parsing, dedupe or status decisions would show up as one of these.
const forbidden = [
  /createHash|verifySignature|\bsign\(/,
  /JSON\.parse/,
  /x-douyin-signature|msg-id/i,
  /\.claim\(|\.complete\(|\.release\(|memoryDedupe/,
  /status(Code)?\s*=\s*\d{3}|\.status\(\d{3}\)/,
];

/** Lines that are not blank and not comments (TSDoc blocks, // lines). */
function codeLines(source: string): number {
  const withoutBlocks = source.replace(/\/\*[\s\S]*?\*\//g, '');
  return withoutBlocks.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('//')).length;
}

describe.each(adapters)('%s', (file) => {
  const source = readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url)), 'utf8');

  it('is small: at most 60 lines of code (comments and blank lines not counted)', () => {
    expect(codeLines(source)).toBeLessThanOrEqual(60);
  });

  it.each(forbidden.map((re) => [re.source, re] as const))('holds no protocol logic: %s', (_name, re) => {
    expect(source).not.toMatch(re);
  });
});
