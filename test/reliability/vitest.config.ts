import { defineProject } from 'vitest/config';
import { workspaceSources } from '../../vitest.shared';

// The fast part of the reliability suite (runs in `pnpm test`); the long runs are in
// test/stress (`pnpm test:stress`). slow-clients.test.ts runs the built bench servers.
export default defineProject({
  plugins: [workspaceSources()],
  test: { name: 'reliability', include: ['*.test.ts'], testTimeout: 60_000, hookTimeout: 30_000 },
});
