import { defineProject } from 'vitest/config';
import { typeTests, workspaceSources } from '../../vitest.shared';

export default defineProject({
  plugins: [workspaceSources()],
  test: { name: 'fastify', include: ['test/**/*.test.ts'], typecheck: { enabled: typeTests, include: ['test/**/*.test-d.ts'] } },
});
