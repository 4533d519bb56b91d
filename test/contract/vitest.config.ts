import { defineProject } from 'vitest/config';
import { workspaceSources } from '../../vitest.shared';

export default defineProject({
  plugins: [workspaceSources()],
  // Every case talks to a real server; a stuck request fails by its own guard first.
  test: { name: 'contract', include: ['**/*.test.ts'], testTimeout: 20_000, hookTimeout: 20_000 },
});
