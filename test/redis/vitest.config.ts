import { defineProject } from 'vitest/config';
import { workspaceSources } from '../../vitest.shared';

// Several app instances in their own `node` processes (on the built packages: `pnpm build`
// first) sharing one Redis. The files run one after the other: each starts 3 processes.
export default defineProject({
  plugins: [workspaceSources()],
  test: {
    name: 'redis-multi-process',
    include: ['*.test.ts'],
    globalSetup: ['global-setup.ts'],
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
