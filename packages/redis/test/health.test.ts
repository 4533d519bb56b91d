import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { createDouyinWebhooks, type DouyinPushError } from '@douyin-push/core';
import { toNodeListener } from '@douyin-push/core/node';
import { redisDedupe, redisSpiReplies } from '@douyin-push/redis';
import { admin, clientKinds, uniquePrefix, until, type TestClient } from './support/clients';
import { SECRET, signedPush } from './support/push';
import { startRedisServer, type RedisServer } from './support/redis-server';

// Every test starts its own redis-server: they set eviction policies, rename CONFIG, kill and
// restart the server.
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(args: string[] = []): Promise<RedisServer> {
  const started = await startRedisServer({ args });
  cleanups.push(() => started.stop());
  return started;
}

async function connect(kind: (typeof clientKinds)[number], url: string): Promise<TestClient> {
  const conn = await kind.connect(url);
  cleanups.push(() => conn.close());
  return conn;
}

function collector() {
  const errors: DouyinPushError[] = [];
  return { errors, report: (error: DouyinPushError) => void errors.push(error), codes: () => errors.map((e) => e.code) };
}

describe.each(clientKinds)('eviction policy check with $name', (kind) => {
  it('reports allkeys-lru through the bound reporter', async () => {
    const redis = await server(['--maxmemory-policy', 'allkeys-lru']);
    const { client } = await connect(kind, redis.url);
    const seen = collector();
    const dedupe = redisDedupe({ client, prefix: uniquePrefix('lru') });
    dedupe.bindReporter(seen.report);
    await until(async () => seen.codes().includes('DEDUPE_EVICTION_POLICY'), 'the eviction warning');
    expect(seen.errors[0]!.message).toMatch(/maxmemory-policy allkeys-lru/);
    expect(seen.errors[0]!.status).toBe(500);
  });

  it('reports volatile-lru too (every key the store writes has a TTL), and nothing for noeviction', async () => {
    const volatile = await server(['--maxmemory-policy', 'volatile-lru']);
    const safe = await server(['--maxmemory-policy', 'noeviction']);
    const a = collector();
    const b = collector();
    redisDedupe({ client: (await connect(kind, volatile.url)).client, onError: a.report });
    const store = redisDedupe({ client: (await connect(kind, safe.url)).client, onError: b.report });
    await until(async () => a.codes().includes('DEDUPE_EVICTION_POLICY'), 'the volatile-lru warning');
    // A real round trip on the noeviction server after its check was queued: it has answered.
    expect((await store.claim('k')).status).toBe('claimed');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(b.codes()).toEqual([]);
  });

  it('falls back to INFO memory where CONFIG is disabled', async () => {
    const redis = await server(['--maxmemory-policy', 'allkeys-random', '--rename-command', 'CONFIG', '']);
    const seen = collector();
    redisSpiReplies({ client: (await connect(kind, redis.url)).client }).bindReporter(seen.report);
    await until(async () => seen.codes().includes('DEDUPE_EVICTION_POLICY'), 'the warning from INFO');
    expect(seen.errors[0]!.message).toMatch(/allkeys-random/);
  });

  it('checks again after a reconnect, and a report made before any bind waits for it', async () => {
    const redis = await server();
    const raw = await admin(redis.url);
    cleanups.push(() => void raw.disconnect());
    const { client } = await connect(kind, redis.url);
    const dedupe = redisDedupe({ client, prefix: uniquePrefix('reconnect') });
    expect((await dedupe.claim('k')).status).toBe('claimed'); // connected, checked: noeviction
    await raw.config('SET', 'maxmemory-policy', 'allkeys-lfu');
    await raw.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
    await until(async () => (await dedupe.claim(`k${Math.random()}`).catch(() => undefined))?.status === 'claimed', 'the reconnect');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const seen = collector();
    dedupe.bindReporter(seen.report);
    expect(seen.codes()).toEqual(['DEDUPE_EVICTION_POLICY']);
    expect(seen.errors[0]!.message).toMatch(/allkeys-lfu/);
  });
});

describe('lost data (restart without persistence)', () => {
  it('reports DEDUPE_DATA_LOST when the epoch marker is gone after a restart, and not after a plain reconnect', async () => {
    const redis = await server();
    const raw = await admin(redis.url);
    cleanups.push(() => void raw.disconnect());
    const client = new Redis(redis.url);
    client.on('error', () => undefined);
    cleanups.push(() => void client.disconnect());
    const seen = collector();
    redisDedupe({ client, prefix: uniquePrefix('epoch') }).bindReporter(seen.report);
    await until(async () => (await raw.exists('douyin-push:epoch')) === 1, 'the epoch marker');

    await raw.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
    await until(async () => client.status === 'ready', 'the reconnect');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen.codes()).toEqual([]);

    await redis.restart();
    await until(async () => seen.codes().includes('DEDUPE_DATA_LOST'), 'the lost-data report', 10_000);
  });
});

describe('a node-redis client without an error listener', () => {
  it('survives Redis going away: the store attached a listener that reports', async () => {
    const redis = await server();
    const client = createClient({ url: redis.url });
    await client.connect();
    cleanups.push(() => void (client.isOpen ? client.destroy() : undefined));
    expect(client.listenerCount('error')).toBe(0);
    const seen = collector();
    const dedupe = redisDedupe({ client, prefix: uniquePrefix('nolistener'), timeoutMs: 300 });
    dedupe.bindReporter(seen.report);
    expect(client.listenerCount('error')).toBe(1);
    await redis.stop();
    await until(async () => seen.codes().includes('REDIS_CONNECTION_ERROR'), 'the client error report');
    expect(seen.codes().filter((code) => code === 'REDIS_CONNECTION_ERROR')).toHaveLength(1); // once per outage
    await redis.restart();
    await until(async () => (await dedupe.claim(`k${Math.random()}`).catch(() => undefined))?.status === 'claimed', 'recovery');
  });

  it('leaves a client that has its own listener alone', async () => {
    const redis = await server();
    const { client } = await connect(clientKinds[1]!, redis.url);
    redisDedupe({ client });
    expect((client as unknown as { listenerCount(event: string): number }).listenerCount('error')).toBe(1);
  });
});

describe("the README's node-redis snippet behind a real receiver", () => {
  it('answers 503 while Redis is killed, then recovers', async () => {
    const redis = await server();
    // As in packages/redis/README.md:
    const clientErrors: unknown[] = [];
    const client = createClient({ url: redis.url });
    client.on('error', (error) => clientErrors.push(error));
    await client.connect();
    cleanups.push(() => void (client.isOpen ? client.destroy() : undefined));

    const handled: string[] = [];
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, dedupe: redisDedupe({ client, prefix: uniquePrefix('readme') }) });
    const replies: string[] = [];
    webhooks.onError((error) => void replies.push(error.code));
    webhooks.on('life_trade_order_notify', (event) => void handled.push(event.msgId));
    const http: Server = createServer(toNodeListener(webhooks, { path: '/douyin' }));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => http.close(() => resolve())));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/douyin`;
    const post = async (msgId: string) => {
      const push = signedPush(msgId);
      return (await fetch(url, { method: 'POST', headers: push.headers, body: push.body })).status;
    };

    expect(await post('before')).toBe(200);
    await redis.stop(); // SIGKILL
    expect(await post('during-1')).toBe(503);
    expect(await post('during-2')).toBe(503);
    expect(clientErrors.length).toBeGreaterThan(0);
    await redis.restart();
    await until(async () => (await post('after')) === 200, 'the receiver to recover', 10_000);
    expect(await post('during-1')).toBe(200); // Douyin's retry of a push refused during the outage
    expect(handled).toEqual(['before', 'after', 'during-1']);
    expect(replies.slice(0, 2)).toEqual(['DEDUPE_UNAVAILABLE', 'DEDUPE_UNAVAILABLE']);
  });
});
