import { fileURLToPath } from 'node:url';
import type { UserConfig } from 'vitest/config';

/**
 * Tests import packages by their public names; these aliases point those names at the sources,
 * so a unit test never runs against a stale `dist/`. Tests that start child processes (examples,
 * the CLI, a built Next.js app) use the built packages instead: `pnpm test` builds first.
 */
const src = (p: string) => fileURLToPath(new URL(`./packages/${p}`, import.meta.url));

export const alias: NonNullable<NonNullable<UserConfig['resolve']>['alias']> = [
  { find: '@douyin-push/core/node', replacement: src('core/src/node/index.ts') },
  { find: '@douyin-push/core/adapter', replacement: src('core/src/adapter/index.ts') },
  { find: '@douyin-push/core/testing', replacement: src('core/src/testing/index.ts') },
  { find: '@douyin-push/core/spi', replacement: src('core/src/spi/index.ts') },
  { find: '@douyin-push/core', replacement: src('core/src/index.ts') },
  { find: '@douyin-push/express', replacement: src('express/src/index.ts') },
  { find: '@douyin-push/fastify', replacement: src('fastify/src/index.ts') },
  { find: '@douyin-push/koa', replacement: src('koa/src/index.ts') },
  { find: '@douyin-push/next', replacement: src('next/src/index.ts') },
  { find: '@douyin-push/redis', replacement: src('redis/src/index.ts') },
];
