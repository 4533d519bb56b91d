import { defineProject } from 'vitest/config';
import { workspaceSources } from '../../vitest.shared';

export default defineProject({
  plugins: [workspaceSources()],
  test: {
    name: 'next',
    include: ['*.test.ts'],
    // As test/contract: every case talks to a real server; the suite's own guard fails a hang first.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    globalSetup: ['./global-setup.ts'],
  },
});
