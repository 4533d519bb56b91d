import { defineProject } from 'vitest/config';
import { alias } from '../../vitest.shared';

export default defineProject({
  resolve: { alias },
  // Every case talks to a real server; a stuck request fails by its own guard first.
  test: { name: 'contract', include: ['**/*.test.ts'], testTimeout: 20_000, hookTimeout: 20_000 },
});
