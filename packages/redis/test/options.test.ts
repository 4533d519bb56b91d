import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { describe, expect, it } from 'vitest';
import { fromIoredis, fromNodeRedis, redisDedupe, toCommander } from '@douyin-push/redis';

// Clients that are never connected: detection and option checks need no server.
const ioredis = new Redis({ lazyConnect: true });
const nodeRedis = createClient();

describe('client detection', () => {
  it('detects ioredis and node-redis clients', () => {
    expect(toCommander(ioredis).kind).toBe('ioredis');
    expect(toCommander(nodeRedis).kind).toBe('node-redis');
  });

  it('the explicit helpers wrap each client and reject the wrong thing', () => {
    expect(fromIoredis(ioredis).kind).toBe('ioredis');
    expect(fromNodeRedis(nodeRedis).kind).toBe('node-redis');
    expect(() => fromIoredis({} as never)).toThrow(/fromIoredis\(\) needs an ioredis 5 client/);
    expect(() => fromNodeRedis({} as never)).toThrow(/fromNodeRedis\(\) needs a node-redis v4\+ client/);
  });

  it('accepts a hand-made RedisCommander as is', () => {
    const commander = { kind: 'custom' as const, send: async () => 1 };
    expect(toCommander(commander)).toBe(commander);
  });

  it('rejects anything else with CONFIG_INVALID', () => {
    expect(() => redisDedupe({ client: {} as never })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringMatching(/^@douyin-push\/redis: `client`/) }),
    );
    expect(() => redisDedupe(undefined as never)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});

describe('options', () => {
  it.each([
    ['processingTtlMs', 0],
    ['completedTtlMs', -1],
    ['timeoutMs', 1.5],
    ['timeoutMs', Number.NaN],
  ])('rejects %s = %s', (name, value) => {
    expect(() => redisDedupe({ client: ioredis, [name]: value })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining(`\`${name}\``) }),
    );
  });

  it('rejects an unknown onUnavailable policy and a non-string prefix', () => {
    expect(() => redisDedupe({ client: ioredis, onUnavailable: 'maybe' as never })).toThrow(/onUnavailable/);
    expect(() => redisDedupe({ client: ioredis, prefix: 1 as never })).toThrow(/prefix/);
  });
});
