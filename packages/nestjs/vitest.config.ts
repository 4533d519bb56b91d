import { defineProject } from 'vitest/config';
import { workspaceSources } from '../../vitest.shared';

export default defineProject({
  plugins: [workspaceSources()],
  // As test/contract: every case talks to a real server; the suite's own guard fails a hang first.
  test: { name: 'nestjs', include: ['test/**/*.test.ts'], testTimeout: 20_000, hookTimeout: 20_000 },
});
