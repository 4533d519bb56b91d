/**
 * Stands in for `node:timers/promises` in the contract kit (test/contract/kit.ts) when it is
 * bundled for a runtime: the kit is test code, so only the kit's import is redirected here (see
 * bundle.ts); core's own imports are never redirected.
 */
export function setTimeout(ms: number): Promise<void> {
  return new Promise((resolve) => globalThis.setTimeout(resolve, ms));
}
