import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A CommonJS consumer on TypeScript's `moduleResolution: node10` (the default of `module:
// commonjs` projects) ignores `exports`: subpaths like `@douyin-push/core/node` resolve only
// through `typesVersions`. This compiles a small project against the tarballs `npm pack` makes
// of the built packages, and checks that every import is typed (not `any`).
const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/node10/', import.meta.url));
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const packages = readdirSync(join(root, 'packages')).filter((name) => existsSync(join(root, 'packages', name, 'package.json')));

// Third-party packages the declarations import, linked from the workspace's install.
const thirdParty: Record<string, string> = {
  zod: 'packages/core/node_modules/zod',
  'lru-cache': 'packages/core/node_modules/lru-cache',
  'fastify-plugin': 'packages/fastify/node_modules/fastify-plugin',
  next: 'packages/next/node_modules/next',
  picocolors: 'packages/cli/node_modules/picocolors',
  ...Object.fromEntries(
    ['express', 'fastify', 'koa', 'ioredis', 'redis', '@types/node', '@types/express', '@types/koa'].map((n) => [n, `node_modules/${n}`]),
  ),
};

let project: string;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'douyin-push-node10-'));
  const tarballs = join(project, 'tarballs');
  mkdirSync(tarballs);
  for (const name of packages) {
    const dir = join(root, 'packages', name);
    if (!existsSync(join(dir, 'dist'))) throw new Error(`packages/${name}/dist is missing: run \`pnpm build\` first`);
    const [{ filename }] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tarballs], { cwd: dir, encoding: 'utf8' }),
    ) as [{ filename: string }];
    const target = join(project, 'node_modules/@douyin-push', name);
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', join(tarballs, filename), '-C', target, '--strip-components=1']);
  }
  for (const [name, from] of Object.entries(thirdParty)) {
    mkdirSync(dirname(join(project, 'node_modules', name)), { recursive: true });
    symlinkSync(join(root, from), join(project, 'node_modules', name), 'dir');
  }
  cpSync(fixture, project, { recursive: true });
});

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

function compile() {
  const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: project, encoding: 'utf8' });
  return { code: run.status, output: (run.stdout + run.stderr).trim() };
}

describe('types under moduleResolution node10 (CommonJS consumers)', () => {
  it('every entry and subpath of the packed packages resolves and is typed: handler params are not any', () => {
    expect(compile()).toEqual({ code: 0, output: '' });
  });

  it('the fixture can fail: without typesVersions, core/node is not found and the checks go unused', () => {
    const manifest = join(project, 'node_modules/@douyin-push/core/package.json');
    const original = readFileSync(manifest, 'utf8');
    const { typesVersions: _dropped, ...rest } = JSON.parse(original) as Record<string, unknown>;
    writeFileSync(manifest, JSON.stringify(rest));
    try {
      const { code, output } = compile();
      expect(code).not.toBe(0);
      expect(output).toContain("Cannot find module '@douyin-push/core/node'");
      expect(output).toContain("Unused '@ts-expect-error' directive");
    } finally {
      writeFileSync(manifest, original);
    }
  });
});
