import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { alias } from '../../vitest.shared';

const src = (p: string) => fileURLToPath(new URL(`../../packages/queue/src/${p}`, import.meta.url));

// The durable inbox with real engines: BullMQ on a redis-server of our own, pg-boss on the local
// PostgreSQL, receivers and workers in their own processes (built packages: `pnpm build` first).
// Files run one after the other: each starts several processes and some stop servers.
export default defineProject({
  resolve: {
    alias: [
      { find: '@douyin-push/queue/bullmq', replacement: src('bullmq.ts') },
      { find: '@douyin-push/queue/pg-boss', replacement: src('pg-boss.ts') },
      { find: '@douyin-push/queue', replacement: src('index.ts') },
      ...(alias as { find: string; replacement: string }[]),
    ],
  },
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
