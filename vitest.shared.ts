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
