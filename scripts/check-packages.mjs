#!/usr/bin/env node
// Checks what each package would publish, on the built dist (`pnpm build` first; `pnpm test`
// does that):
// - publint: package.json, exports map, files;
// - @arethetypeswrong/cli with its default profile: types resolve for node10 (TypeScript's
//   `moduleResolution: node`, still the default of many CommonJS projects, which ignores
//   `exports` and finds subpaths through `typesVersions`), node16 from CJS and ESM, and bundler;
// - every subpath of `exports` has a `typesVersions` entry pointing at its CJS types (node10
//   reads nothing else), the package ships the repository's LICENSE and no source maps, and its
//   README links are absolute (npm shows the README away from the repository).
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const packages = readdirSync(join(root, 'packages')).filter((d) => existsSync(join(root, 'packages', d, 'package.json')));
const license = readFileSync(join(root, 'LICENSE'), 'utf8');

let checks = 0;
let failed = 0;
const report = (ok, what, details = '') => {
  checks++;
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok && details) console.log(details.trim().replace(/^/gm, '     '));
};

for (const name of packages) {
  const dir = join(root, 'packages', name);
  for (const [tool, args] of [
    ['publint', ['--strict', dir]],
    ['attw', ['--pack', dir, '--format', 'table-flipped']],
  ]) {
    const run = spawnSync(bin(tool), args, { encoding: 'utf8' });
    report(run.status === 0, `${tool} @douyin-push/${name}`, run.stdout + run.stderr);
  }
  report(...metadata(name, dir));
}
console.log(`\npackage checks: ${checks - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

/** typesVersions for every subpath, LICENSE, publishConfig, repository, no maps in the tarball. */
function metadata(name, dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const problems = [];
  const typesVersions = pkg.typesVersions?.['*'] ?? {};
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    if (subpath === '.' || subpath === './package.json') continue;
    const want = target?.require?.types;
    const have = typesVersions[subpath.slice(2)];
    if (!have || have[0] !== want)
      problems.push(`typesVersions["*"]["${subpath.slice(2)}"] should be ["${want}"] (node10 reads no exports)`);
  }
  if (!existsSync(join(dir, 'LICENSE')) || readFileSync(join(dir, 'LICENSE'), 'utf8') !== license) {
    problems.push('LICENSE is missing or differs from the repository root LICENSE (copy it: cp LICENSE packages/*/)');
  }
  if (!pkg.files?.includes('LICENSE')) problems.push('"files" does not list LICENSE');
  if (pkg.publishConfig?.access !== 'public' || pkg.publishConfig?.provenance !== true) {
    problems.push('publishConfig must be { "access": "public", "provenance": true }');
  }
  if (pkg.repository?.directory !== `packages/${name}`) problems.push(`repository.directory must be "packages/${name}"`);
  // npm shows the README outside the repository: a relative link there leads nowhere.
  const readme = existsSync(join(dir, 'README.md')) ? readFileSync(join(dir, 'README.md'), 'utf8') : '';
  const relative = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((href) => !/^(https?:|mailto:|#)/.test(href));
  if (relative.length > 0)
    problems.push(
      `README.md has relative links, which break on npm (use https://github.com/douyin-push/douyin-push/tree/main/…): ${relative.join(', ')}`,
    );
  const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8' });
  const files = packed.status === 0 ? JSON.parse(packed.stdout)[0].files.map((f) => f.path) : [];
  if (packed.status !== 0) problems.push(`npm pack --dry-run failed: ${packed.stderr}`);
  if (!files.includes('LICENSE')) problems.push('the tarball has no LICENSE');
  const maps = files.filter((f) => f.endsWith('.map'));
  if (maps.length > 0) problems.push(`the tarball ships source maps whose sources are not published: ${maps.join(', ')}`);
  return [problems.length === 0, `metadata @douyin-push/${name}`, problems.join('\n')];
}
