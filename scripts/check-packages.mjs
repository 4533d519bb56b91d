#!/usr/bin/env node
// Checks what each package would publish: publint (package.json, exports map, files) and
// @arethetypeswrong/cli (types resolve for ESM and CJS consumers under node16/bundler).
// Runs on the built dist, so `pnpm build` comes first (`pnpm test` does that).
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const packages = readdirSync(join(root, 'packages')).filter((d) => existsSync(join(root, 'packages', d, 'package.json')));

let failed = 0;
for (const name of packages) {
  const dir = join(root, 'packages', name);
  for (const [tool, args] of [
    ['publint', ['--strict', dir]],
    // node10 ignores `exports`, so subpaths cannot resolve there; we require Node >= 20.
    ['attw', ['--pack', dir, '--profile', 'node16', '--format', 'table-flipped']],
  ]) {
    const run = spawnSync(bin(tool), args, { encoding: 'utf8' });
    const ok = run.status === 0;
    if (!ok) failed++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${tool} @douyin-push/${name}`);
    if (!ok) console.log((run.stdout + run.stderr).trim().replace(/^/gm, '     '));
  }
}
console.log(`\npackage checks: ${packages.length * 2 - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
