import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const hasExample = (name: string) => existsSync(`${root}examples/${name}/src/server.ts`);

function demo(example: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.FORCE_COLOR;
    const child = spawn(process.execPath, ['scripts/demo.mjs', example], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// `pnpm demo` is the first thing a new user runs: it must pass against the example it names.
describe('scripts/demo.mjs', () => {
  it.skipIf(!hasExample('express'))('pnpm demo (express): every answer as expected, exit 0', { timeout: 90_000 }, async () => {
    const result = await demo('express');
    expect(result.stdout).toContain('handled   4 of 4 seed pushes');
    expect(result.stdout).toContain('✔ Everything answered as Douyin expects.');
    expect(result.code).toBe(0);
  });

  it.skipIf(!hasExample('fastify'))('the same demo against examples/fastify', { timeout: 90_000 }, async () => {
    const result = await demo('fastify');
    expect(result.stdout).toMatch(/✖ 401 .*SIGNATURE_MISMATCH/);
    expect(result.stdout).toContain('{"challenge":12345}');
    expect(result.stdout).toContain('✔ Everything answered as Douyin expects.');
    expect(result.code).toBe(0);
  });
});
