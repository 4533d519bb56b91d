import { defineProject } from 'vitest/config';
import { workspaceSources } from '../../vitest.shared';

export default defineProject({
  plugins: [workspaceSources()],
  test: {
    name: 'redis',
    include: ['test/**/*.test.ts'],
    // Uses REDIS_URL when set, else starts its own redis-server on a free port.
    globalSetup: ['test/support/global-setup.ts'],
  },
});
