import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDouyinWebhooks } from '@douyin-push/core';
import { redisDedupe, toCommander, type RedisCommander } from '@douyin-push/redis';
import { admin, clientKinds, uniquePrefix, type TestClient } from './support/clients';
import { SECRET, signedPush } from './support/push';
import { startRedisServer, type RedisServer } from './support/redis-server';

/** Redis's own count of each command since the last CONFIG RESETSTAT. */
async function commandCalls(raw: Redis): Promise<Record<string, number>> {
  const info = await raw.info('commandstats');
  const calls: Record<string, number> = {};
  for (const [, name, count] of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls[name!] = Number(count);
  return calls;
}

// Resets server statistics, so it uses a redis-server of its own.
describe.each(clientKinds)('round trips per push, with $name', (kind) => {
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

  it('new push: 2 (claim + complete); duplicate: 1 (claim); failed push: 2 (claim + release)', async () => {
    let sent = 0;
    const real = toCommander(conn.client);
    const counting: RedisCommander = { kind: real.kind, send: (command, args) => (sent++, real.send(command, args)) };
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, dedupe: redisDedupe({ client: counting, prefix: uniquePrefix('rt') }) });
    webhooks.onAny((event) => {
      if (event.msgId.startsWith('fail-')) throw new Error('handler failed on purpose');
    });
    webhooks.onError(() => undefined);
    const deliver = async (id: string) => {
      const { body, headers } = signedPush(id);
      return (await webhooks.handle({ method: 'POST', headers, body, adapter: 'node' })).status;
    };

    // Load the scripts once, so EVALSHA never meets NOSCRIPT below.
    await deliver('warm-up');
    await deliver('fail-warm-up');
    await raw.config('RESETSTAT');
    sent = 0;

    const NEW = 200;
    const DUPLICATES = 300;
    const FAILED = 50;
    for (let i = 0; i < NEW; i++) expect(await deliver(`new-${i}`)).toBe(200);
    for (let i = 0; i < DUPLICATES; i++) expect(await deliver(`new-${i % NEW}`)).toBe(200);
    for (let i = 0; i < FAILED; i++) expect(await deliver(`fail-${i}`)).toBe(500);

    const server = await commandCalls(raw);
    // Redis also counts the SET/GET/DEL run inside the scripts; the round trips are the scripts.
    const roundTrips = (server.evalsha ?? 0) + (server.eval ?? 0);
    const expected = 2 * NEW + DUPLICATES + 2 * FAILED;
    console.log(
      `[${kind.name}] ${NEW} new + ${DUPLICATES} duplicates + ${FAILED} failed pushes: ` +
        `${sent} commands sent by the store, Redis counted ${roundTrips} script calls ${JSON.stringify(server)}; ` +
        `per new push ${(2 * NEW) / NEW}, per duplicate ${(sent - 2 * NEW - 2 * FAILED) / DUPLICATES}`,
    );
    expect(sent).toBe(expected);
    expect(roundTrips).toBe(expected);
  });
});
