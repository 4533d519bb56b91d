import { fileURLToPath } from 'node:url';
import tsconfigPaths from 'vite-tsconfig-paths';

/**
 * Tests import packages by their public names. The one map from those names to the sources is
 * `paths` in the root tsconfig.json: tsc reads it, and this plugin hands it to vitest, so a unit test
 * never runs against a stale `dist/`. Tests that start child processes (examples, the CLI, a
 * built Next.js app) use the built packages instead: `pnpm test` builds first.
 */
export function workspaceSources() {
  return tsconfigPaths({ root: fileURLToPath(new URL('.', import.meta.url)), projects: ['tsconfig.json'], loose: true });
}

/**
 * Whether a project also runs its type tests (`*.test-d.ts`). Yes, except under
 * `DOUYIN_SKIP_TYPE_TESTS=1`, which scripts/node-matrix.sh sets: tsc's verdict does not depend on
 * the Node version that runs it, and checking the same files again under Node 22 and 24 cost CI
 * about 16 s per version (the Node 22 run: 74.9 s with them, 58.7 s without).
 *
 * @example
 * ```ts
 * typecheck: { enabled: typeTests, include: ['test/events.test-d.ts'] },
 * ```
 */
export const typeTests = process.env.DOUYIN_SKIP_TYPE_TESTS !== '1';
