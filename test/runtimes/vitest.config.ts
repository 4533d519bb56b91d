import { defineProject } from 'vitest/config';
import { workspaceSources } from '../../vitest.shared';

export default defineProject({
  plugins: [workspaceSources()],
  test: {
    name: 'runtimes',
    include: ['*.test.ts'],
    // Each file starts a runtime (a child process or workerd); the suite's own guard fails a hang first.
    testTimeout: 20_000,
    hookTimeout: 40_000,
  },
});
