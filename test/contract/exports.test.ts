// The public surface, frozen: adding or removing an export of any package entry changes this
// snapshot, so it is a decision in review, not an accident (issue 10: the main entry exports only
// what users call; building blocks live in @douyin-push/core/adapter).
import { describe, expect, it } from 'vitest';

const entries: Record<string, () => Promise<Record<string, unknown>>> = {
  '@douyin-push/core': () => import('@douyin-push/core'),
  '@douyin-push/core/adapter': () => import('@douyin-push/core/adapter'),
  '@douyin-push/core/node': () => import('@douyin-push/core/node'),
  '@douyin-push/core/spi': () => import('@douyin-push/core/spi'),
  '@douyin-push/core/testing': () => import('@douyin-push/core/testing'),
  '@douyin-push/express': () => import('@douyin-push/express'),
  '@douyin-push/fastify': () => import('@douyin-push/fastify'),
  '@douyin-push/koa': () => import('@douyin-push/koa'),
  '@douyin-push/next': () => import('@douyin-push/next'),
  '@douyin-push/hono': () => import('@douyin-push/hono'),
  '@douyin-push/redis': () => import('@douyin-push/redis'),
  '@douyin-push/nestjs': () => import('@douyin-push/nestjs'),
};

describe('public surface', () => {
  it.each(Object.keys(entries))('%s exports exactly the snapshot', async (name) => {
    const module = await entries[name]!();
    expect(Object.keys(module).sort()).toMatchSnapshot();
  });
});
