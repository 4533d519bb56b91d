import { defineProject } from 'vitest/config';
import { workspaceSources } from '../../vitest.shared';

// The CLI runs as a child process from its built dist (`pnpm build` first); the receivers the
// tests start in-process use core's sources through tsconfig paths.
export default defineProject({
  plugins: [workspaceSources()],
  test: { name: 'cli', include: ['test/**/*.test.ts'], testTimeout: 30_000 },
});
