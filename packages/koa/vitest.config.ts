import { defineProject } from 'vitest/config';
import { typeTests, workspaceSources } from '../../vitest.shared';

export default defineProject({
  plugins: [workspaceSources()],
  test: {
    name: 'koa',
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: typeTests, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.test.json' },
  },
});
