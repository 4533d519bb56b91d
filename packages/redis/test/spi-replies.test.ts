import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDouyinSpi } from '@douyin-push/core/spi';
import { buildSpiRequest } from '@douyin-push/core/spi';
import { redisDedupe, redisSpiReplies } from '@douyin-push/redis';
import { admin, clientKinds, deleteKeys, uniquePrefix, type TestClient } from './support/clients';

const url = inject('redisUrl');

describe.each(clientKinds)('redisSpiReplies with $name', (kind) => {
  let conn: TestClient;
  let raw: Redis;
  const prefix = uniquePrefix(`${kind.name}-spi`);
  beforeAll(async () => {
    conn = await kind.connect(url);
    raw = await admin(url);
  });
  afterAll(async () => {
    await conn.close();
    await deleteKeys(raw, prefix);
    raw.disconnect();
  });

  it('stores a reply with its TTL and reads it back byte for byte', async () => {
    const store = redisSpiReplies({ client: conn.client, prefix });
    expect(await store.get('k1')).toBeUndefined();
    const body = '{"data":{"error_code":0,"description":"success","result":1,"certificates":[{"certificate_id":"a","code":"券码"}]}}';
    await store.set('k1', body, 60_000);
    expect(await store.get('k1')).toBe(body);
    const ttl = await raw.pttl(`${prefix}k1`);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('makes a 发券 retry on another instance replay the first reply without running the handler again', async () => {
    let runs = 0;
    const instance = () =>
      createDouyinSpi({
        scenario: 'fulfilment.order.tripartite_code',
        clientSecret: 'spi-secret',
        idempotency: {
          dedupe: redisDedupe({ client: conn.client, prefix: `${prefix}claim:` }),
          replies: redisSpiReplies({ client: conn.client, prefix: `${prefix}reply:` }),
        },
        handler: async () => {
          runs++;
          return { result: 'issued', certificates: [{ certificate_id: 'c1', code: `CODE-${runs}` }] };
        },
      });
    const a = instance();
    const b = instance();
    const request = buildSpiRequest({ secret: 'spi-secret', path: '/spi/issue', body: { order_id: `o-${Date.now()}`, count: 1 } });
    const send = (receiver: ReturnType<typeof instance>) =>
      receiver.handle({ method: 'POST', url: request.url, headers: request.headers, body: request.body });
    const first = await send(a);
    const retry = await send(b);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toMatchObject({ data: { error_code: 0, result: 1, certificates: [{ code: 'CODE-1' }] } });
    expect(retry.body).toBe(first.body);
    expect(runs).toBe(1);
  });

  it('fails with DEDUPE_UNAVAILABLE-style errors, not a guess, when Redis does not answer', async () => {
    const silent = { kind: 'custom', send: () => new Promise(() => undefined) } as const;
    const store = redisSpiReplies({ client: silent, timeoutMs: 50 });
    await expect(store.get('x')).rejects.toMatchObject({ code: 'DEDUPE_UNAVAILABLE', status: 503 });
  });
});
