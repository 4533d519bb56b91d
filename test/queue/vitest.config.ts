import { defineProject } from 'vitest/config';
import { workspaceSources } from '../../vitest.shared';

// The durable inbox with real engines: BullMQ on a redis-server of our own, pg-boss on the local
// PostgreSQL, receivers and workers in their own processes (built packages: `pnpm build` first).
// Files run one after the other: each starts several processes and some stop servers.
export default defineProject({
  plugins: [workspaceSources()],
  test: {
    name: 'queue',
    include: ['*.test.ts'],
    globalSetup: ['global-setup.ts'],
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    testTimeout: 240_000,
    hookTimeout: 60_000,
  },
});
