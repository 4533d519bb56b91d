import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runNode } from './helpers.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
function demo(example: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  return runNode(['scripts/demo.mjs', example], { cwd: root, env });
}

// `pnpm demo` is the first thing a new user runs: it must pass against the example it names.
describe('scripts/demo.mjs', () => {
  it('pnpm demo (express): every answer as expected, exit 0', { timeout: 90_000 }, async () => {
    const result = await demo('express');
    expect(result.stdout).toContain('handled   4 of 4 seed pushes');
    expect(result.stdout).toContain('✔ Everything answered as Douyin expects.');
    expect(result.code).toBe(0);
  });

  it('the same demo against examples/fastify', { timeout: 90_000 }, async () => {
    const result = await demo('fastify');
    expect(result.stdout).toMatch(/✖ 401 .*SIGNATURE_MISMATCH/);
    expect(result.stdout).toContain('{"challenge":12345}');
    expect(result.stdout).toContain('✔ Everything answered as Douyin expects.');
    expect(result.code).toBe(0);
  });
});
