import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { alias } from '../../vitest.shared';

export default defineProject({
  resolve: { alias: [{ find: '@douyin-push/nestjs', replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) }, ...alias] },
  // As test/contract: every case talks to a real server; the suite's own guard fails a hang first.
  test: { name: 'nestjs', include: ['test/**/*.test.ts'], testTimeout: 20_000, hookTimeout: 20_000 },
});
