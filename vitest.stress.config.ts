import { defineConfig } from 'vitest/config';
import { workspaceSources } from './vitest.shared';

// `pnpm test:stress` (after `pnpm build`): the long runs of the reliability suite. 100 000+
// generated cases, 20 000 pushes over 3 processes sharing Redis, bigger slow/oversized floods.
// Redis: REDIS_URL when set, else a redis-server of our own (test/redis's global setup).
export default defineConfig({
  plugins: [workspaceSources()],
  test: {
    name: 'stress',
    include: ['test/stress/**/*.test.ts'],
    globalSetup: ['test/redis/global-setup.ts'],
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    testTimeout: 900_000,
    hookTimeout: 60_000,
  },
});
