import { defineConfig } from 'vitest/config';

// Every package and cross-package suite has its own vitest.config.ts (its own setup, such as a
// redis-server or a built Next.js app); this file only lists them.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'test/*/vitest.config.ts'],
  },
});
