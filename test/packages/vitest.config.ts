import { defineProject } from 'vitest/config';

// Runs on the built packages (`pnpm build` first; `pnpm test` does that), packed as npm would.
export default defineProject({
  test: { name: 'packages', include: ['**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
});
