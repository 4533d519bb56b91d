import { defineProject } from 'vitest/config';
import { alias } from '../../vitest.shared';

export default defineProject({
  resolve: { alias },
  test: {
    name: 'next',
    include: ['*.test.ts'],
    globalSetup: ['./global-setup.ts'],
    // One `next start` serves every file; run them one after another against it.
    fileParallelism: false,
  },
});
