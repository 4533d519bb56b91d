import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDouyinWebhooks, type DouyinPushError } from '@douyin-push/core';
import { redisDedupe } from '@douyin-push/redis';
import { admin, clientKinds, uniquePrefix, until, type TestClient } from './support/clients';
import { SECRET, signedPush } from './support/push';
import { startRedisServer, type RedisServer } from './support/redis-server';

// These tests stop, pause, restart Redis and flush its script cache, so they always use a
// redis-server of their own.
describe.each(clientKinds)('Redis down or slow, with $name', (kind) => {
  let server: RedisServer;
  let conn: TestClient;
  let raw: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    conn = await kind.connect(server.url);
    raw = await admin(server.url);
  });
  afterAll(async () => {
    await conn.close();
    raw.disconnect();
    await server.stop();
  });

  const withRedisDown = async (body: () => Promise<void>) => {
    await server.stop();
    try {
      await body();
    } finally {
      await server.restart();
      await until(async () => (await raw.ping().catch(() => '')) === 'PONG', 'redis to come back');
    }
  };

  it('fail-closed (default): every call rejects with DEDUPE_UNAVAILABLE 503', async () => {
    const dedupe = redisDedupe({ client: conn.client, prefix: uniquePrefix('closed'), timeoutMs: 200 });
    const claim = await dedupe.claim('k');
    if (claim.status !== 'claimed') throw new Error('expected a claim');
    await withRedisDown(async () => {
      const unavailable = { name: 'DouyinPushError', code: 'DEDUPE_UNAVAILABLE', status: 503 };
      await expect(dedupe.claim('other')).rejects.toMatchObject(unavailable);
      await expect(dedupe.complete('k', claim.token)).rejects.toMatchObject(unavailable);
      await expect(dedupe.release('k', claim.token)).rejects.toMatchObject(unavailable);
      await expect(dedupe.claim('other')).rejects.toThrow(/^@douyin-push\/redis: claim of other failed/);
    });
    // The client reconnected: the store works again (the restarted server is empty).
    await until(async () => (await dedupe.claim('again').catch(() => undefined))?.status === 'claimed', 'the store to work again');
  });

  it('a claim slower than timeoutMs rejects, and is released when it lands late', async () => {
    const prefix = uniquePrefix('slow');
    const dedupe = redisDedupe({ client: conn.client, prefix, timeoutMs: 200, processingTtlMs: 60_000 });
    await raw.call('CLIENT', 'PAUSE', '800', 'ALL');
    await expect(dedupe.claim('k')).rejects.toMatchObject({ code: 'DEDUPE_UNAVAILABLE', status: 503 });
    // The SET NX ran once the pause ended; without the late release the key would stay 60 s.
    await until(async () => (await raw.exists(`${prefix}k`)) === 0, 'the late claim to be released');
    expect((await dedupe.claim('k')).status).toBe('claimed');
  });

  it('keeps working after the script cache is flushed (EVALSHA falls back to EVAL)', async () => {
    const dedupe = redisDedupe({ client: conn.client, prefix: uniquePrefix('flush') });
    await raw.script('FLUSH');
    const claim = await dedupe.claim('k');
    if (claim.status !== 'claimed') throw new Error('expected a claim');
    await raw.script('FLUSH');
    await dedupe.complete('k', claim.token);
    await raw.script('FLUSH');
    expect(await dedupe.claim('k')).toEqual({ status: 'completed' });
  });

  it('fail-open: claims succeed without Redis, errors go to onError, completion is recorded once Redis is back', async () => {
    const prefix = uniquePrefix('open');
    const errors: DouyinPushError[] = [];
    const dedupe = redisDedupe({
      client: conn.client,
      prefix,
      timeoutMs: 200,
      onUnavailable: 'fail-open',
      onError: (e) => errors.push(e),
    });
    let token = '';
    await withRedisDown(async () => {
      const claim = await dedupe.claim('k');
      expect(claim.status).toBe('claimed');
      token = claim.status === 'claimed' ? claim.token : '';
      await dedupe.release('k', token); // nothing was written, nothing to release
      expect(errors.map((e) => e.code)).toEqual(['DEDUPE_UNAVAILABLE']);
    });
    await until(async () => {
      await dedupe.complete('k', token);
      return (await raw.get(`${prefix}k`)) === 'c';
    }, 'the fail-open completion to be recorded');
    expect(await dedupe.claim('k')).toEqual({ status: 'completed' });
  });

  it('through core: Redis down answers 503 and runs no handler; the retry after recovery runs it once', async () => {
    const handled: string[] = [];
    const webhooks = createDouyinWebhooks({
      clientSecret: SECRET,
      dedupe: redisDedupe({ client: conn.client, prefix: uniquePrefix('core'), timeoutMs: 200 }),
    });
    webhooks.onAny((event) => void handled.push(event.msgId));
    const errors: string[] = [];
    webhooks.onError((error) => void errors.push(error.code));
    const push = (id: string) => {
      const { body, headers } = signedPush(id);
      return webhooks.handle({ method: 'POST', url: '/', headers, body, adapter: 'node' });
    };
    expect((await push('m1')).status).toBe(200);
    expect((await push('m1')).status).toBe(200);
    await withRedisDown(async () => {
      const reply = await push('m2');
      expect(reply.status).toBe(503);
      expect(JSON.parse(reply.body)).toMatchObject({ code: 'DEDUPE_UNAVAILABLE' });
      expect((await push('m2')).status).toBe(503);
    });
    await until(async () => (await push('m2')).status === 200, 'the retry to be handled');
    expect((await push('m2')).status).toBe(200);
    expect(handled).toEqual(['m1', 'm2']);
    // Every refused push was reported; the store's own reports (the lost connection, and the data
    // a restarted Redis without persistence lost) reach the receiver's onError too.
    expect(errors.filter((code) => code === 'DEDUPE_UNAVAILABLE').length).toBeGreaterThanOrEqual(2);
    expect(errors.filter((code) => !['DEDUPE_UNAVAILABLE', 'DEDUPE_DATA_LOST', 'REDIS_CONNECTION_ERROR'].includes(code))).toEqual([]);
  });
});

describe.each(clientKinds)('a completion Redis did not confirm, with $name', (kind) => {
  let dir: string;
  let server: RedisServer;
  let conn: TestClient;
  let raw: Redis;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'douyin-push-redis-'));
    server = await startRedisServer({ aofDir: dir });
    conn = await kind.connect(server.url);
    raw = await admin(server.url);
  });
  afterAll(async () => {
    await conn.close();
    raw.disconnect();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('is recorded once a persistent Redis is back, within the processing TTL', async () => {
    const prefix = uniquePrefix('late-complete');
    const dedupe = redisDedupe({ client: conn.client, prefix, timeoutMs: 200, processingTtlMs: 20_000 });
    const claim = await dedupe.claim('k');
    if (claim.status !== 'claimed') throw new Error('expected a claim');
    await server.stop();
    await expect(dedupe.complete('k', claim.token)).rejects.toMatchObject({ code: 'DEDUPE_UNAVAILABLE' });
    await server.restart();
    await until(async () => (await raw.get(`${prefix}k`).catch(() => null)) === 'c', 'the completion to be recorded', 10_000);
    expect(await dedupe.claim('k')).toEqual({ status: 'completed' });
  }, 20_000);
});
