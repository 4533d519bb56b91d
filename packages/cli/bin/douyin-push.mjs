#!/usr/bin/env node
// The `douyin-push` command. This file is committed (not built) so that the package manager can
// link the bin at install time, before `dist/` exists in a fresh checkout; it only loads the
// build. A checkout that has not run `pnpm build` yet gets a clear message instead of a crash.
try {
  await import('../dist/bin.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/bin.js')) {
    process.stderr.write('@douyin-push/cli: dist/bin.js is missing: run `pnpm build` in the repository first.\n');
    process.exit(2);
  }
  throw error;
}
