import { defineConfig, type Options } from 'tsup';

/**
 * The one build every package shares: ESM + CJS with `.d.ts`/`.d.cts`, for Node 20+.
 *
 * @example
 * ```ts
 * // packages/<name>/tsup.config.ts
 * export default packageBuild({ index: 'src/index.ts' });
 * ```
 */
export function packageBuild(entry: Record<string, string>, extra: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    // No source maps: they were over half of dist, and their `sources` point at src/, which is not
    // published. dist is unminified ESM/CJS with the original names, so stack traces stay readable.
    sourcemap: false,
    target: 'node20',
    // Errors still print; the per-file size lines of eight packages only bury them.
    silent: true,
    ...extra,
  });
}
