import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { redisDedupe, type RedisDedupeOptions } from '@douyin-push/redis';
import { admin, clientKinds, deleteKeys, uniquePrefix, until, type TestClient } from './support/clients';

const url = inject('redisUrl');

describe.each(clientKinds)('redisDedupe with $name', (kind) => {
  let conn: TestClient;
  let raw: Redis;
  const prefixes: string[] = [];
  beforeAll(async () => {
    conn = await kind.connect(url);
    raw = await admin(url);
  });
  afterAll(async () => {
    await conn.close();
    for (const prefix of prefixes) await deleteKeys(raw, prefix);
    raw.disconnect();
  });

  const store = (label: string, options: Partial<RedisDedupeOptions> = {}) => {
    const prefix = uniquePrefix(`${kind.name}-${label}`);
    prefixes.push(prefix);
    return { prefix, dedupe: redisDedupe({ client: conn.client, prefix, ...options }) };
  };

  it('claims a new key once, with a per-claim token and the processing TTL', async () => {
    const { prefix, dedupe } = store('claim', { processingTtlMs: 30_000 });
    const first = await dedupe.claim('aw1:m1');
    expect(first.status).toBe('claimed');
    const token = first.status === 'claimed' ? first.token : '';
    expect(await raw.get(`${prefix}aw1:m1`)).toBe(`p:${token}`);
    const ttl = await raw.pttl(`${prefix}aw1:m1`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30_000);
    expect(await dedupe.claim('aw1:m1')).toEqual({ status: 'processing' });
    // Other keys are independent.
    expect((await dedupe.claim('aw1:m2')).status).toBe('claimed');
  });

  it('complete marks the key completed with the long TTL; later claims answer completed', async () => {
    const { prefix, dedupe } = store('complete', { processingTtlMs: 5000, completedTtlMs: 3_600_000 });
    const claim = await dedupe.claim('k');
    if (claim.status !== 'claimed') throw new Error('expected a claim');
    await dedupe.complete('k', claim.token);
    expect(await raw.get(`${prefix}k`)).toBe('c');
    expect(await raw.pttl(`${prefix}k`)).toBeGreaterThan(5000);
    expect(await dedupe.claim('k')).toEqual({ status: 'completed' });
    expect(await dedupe.claim('k')).toEqual({ status: 'completed' });
  });

  it('release frees the key so the next delivery claims it with a new token', async () => {
    const { prefix, dedupe } = store('release');
    const first = await dedupe.claim('k');
    if (first.status !== 'claimed') throw new Error('expected a claim');
    await dedupe.release('k', first.token);
    expect(await raw.exists(`${prefix}k`)).toBe(0);
    const second = await dedupe.claim('k');
    expect(second.status).toBe('claimed');
    expect(second.status === 'claimed' && second.token).not.toBe(first.token);
  });

  it("a crashed worker's claim expires after processingTtlMs, then the retry claims it", async () => {
    const { prefix, dedupe } = store('crash', { processingTtlMs: 100 });
    expect((await dedupe.claim('k')).status).toBe('claimed');
    // Nobody completes or releases: the worker "crashed". Redis expires the claim.
    await until(async () => (await raw.exists(`${prefix}k`)) === 0, 'the processing claim to expire');
    expect((await dedupe.claim('k')).status).toBe('claimed');
  });

  it('a slow attempt whose claim expired can neither release nor complete the claim a later attempt holds', async () => {
    const { prefix, dedupe } = store('stale', { processingTtlMs: 100 });
    const slow = await dedupe.claim('k');
    if (slow.status !== 'claimed') throw new Error('expected a claim');
    await until(async () => (await raw.exists(`${prefix}k`)) === 0, 'the slow claim to expire');
    const later = await dedupe.claim('k');
    if (later.status !== 'claimed') throw new Error('expected the retry to claim');

    await dedupe.release('k', slow.token);
    expect(await raw.get(`${prefix}k`)).toBe(`p:${later.token}`);
    await dedupe.complete('k', slow.token);
    expect(await raw.get(`${prefix}k`)).toBe(`p:${later.token}`);
    // A stale release after completion does not delete the completed record either.
    await dedupe.complete('k', later.token);
    await dedupe.release('k', later.token);
    await dedupe.release('k', slow.token);
    expect(await raw.get(`${prefix}k`)).toBe('c');
  });

  it('a completed record expires after completedTtlMs', async () => {
    const { prefix, dedupe } = store('completed-ttl', { completedTtlMs: 100 });
    const claim = await dedupe.claim('k');
    if (claim.status !== 'claimed') throw new Error('expected a claim');
    await dedupe.complete('k', claim.token);
    expect(await dedupe.claim('k')).toEqual({ status: 'completed' });
    await until(async () => (await raw.exists(`${prefix}k`)) === 0, 'the completed record to expire');
    expect((await dedupe.claim('k')).status).toBe('claimed');
  });

  it('many concurrent claims of one key through two clients: exactly one wins', async () => {
    const other = await kind.connect(url);
    try {
      const prefix = uniquePrefix(`${kind.name}-race`);
      prefixes.push(prefix);
      const a = redisDedupe({ client: conn.client, prefix });
      const b = redisDedupe({ client: other.client, prefix });
      const claims = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).claim('k')));
      expect(claims.filter((c) => c.status === 'claimed')).toHaveLength(1);
      expect(claims.filter((c) => c.status === 'processing')).toHaveLength(199);
    } finally {
      await other.close();
    }
  });

  it('refuses a value it did not write instead of guessing', async () => {
    const { prefix, dedupe } = store('foreign');
    await raw.set(`${prefix}k`, 'something-else', 'PX', 60_000);
    await expect(dedupe.claim('k')).rejects.toMatchObject({ code: 'DEDUPE_UNAVAILABLE', status: 503 });
  });
});
