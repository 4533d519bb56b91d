/**
 * Bundles a runtime's entry (app/<runtime>.ts) with esbuild from the packages' sources: the
 * public names (`@douyin-push/core`, `/spi`, …) resolve through the root tsconfig.json `paths`, as in vitest. Nothing is
 * shimmed for core: a `node:` import core makes shows up as a bundle error (workerd, edge) or
 * runs on the runtime's own Node compatibility (Bun, Deno), as users would see it.
 */
import { build, type Plugin } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export interface BundleOptions {
  /** `esm` for Bun, Deno and Workers modules; `iife` for edge-runtime's script. */
  format: 'esm' | 'iife';
  /** Whether the runtime provides `node:` built-ins (Bun and Deno do; workerd without nodejs_compat and edge-runtime do not). */
  nodeBuiltins: boolean;
}

/** The public package names, pointed at the sources (the same table as vitest.shared.ts). */
const sources: Plugin = {
  name: 'douyin-push-sources',
  setup(b) {
    // The contract kit is test code written for Node; only its import of timers/promises is
    // redirected, so a `node:` import in core is still seen.
    b.onResolve({ filter: /^node:timers\/promises$/ }, (args) =>
      /test[\\/]contract[\\/]kit\.ts$/.test(args.importer) ? { path: here('./app/sleep.ts') } : undefined,
    );
  },
};

/**
 * Returns the bundled source of `app/<entry>.ts`; throws esbuild's error (e.g. `Could not
 * resolve "node:crypto"`) when the code reaches something the runtime does not have.
 *
 * @example
 * ```ts
 * const code = await bundleApp('worker', { format: 'esm', nodeBuiltins: false });
 * ```
 */
export async function bundleApp(entry: 'bun' | 'deno' | 'worker' | 'edge', options: BundleOptions): Promise<string> {
  const result = await build({
    entryPoints: [here(`./app/${entry}.ts`)],
    bundle: true,
    write: false,
    format: options.format,
    platform: options.nodeBuiltins ? 'node' : 'browser',
    // Workers and edge-runtime resolve like a browser bundle; no Node fallbacks exist there.
    conditions: options.nodeBuiltins ? [] : ['worker', 'browser'],
    target: 'es2022',
    external: options.nodeBuiltins ? ['node:*'] : [],
    // esbuild reads tsconfig `paths` itself: the package names resolve to their sources.
    tsconfig: here('../../tsconfig.json'),
    plugins: [sources],
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
