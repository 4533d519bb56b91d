import { Redis } from 'ioredis';
import { createClient } from 'redis';
import type { RedisClientLike } from '../../src/index';

/** One real client of each supported library, connected to `url`, plus a way to close it. */
export interface TestClient {
  readonly client: RedisClientLike;
  close(): Promise<void>;
}

export interface ClientKind {
  readonly name: 'ioredis' | 'node-redis';
  connect(url: string): Promise<TestClient>;
}

export const clientKinds: readonly ClientKind[] = [
  {
    name: 'ioredis',
    async connect(url) {
      const client = new Redis(url, { lazyConnect: true });
      client.on('error', () => undefined); // reconnect noise while a test stops the server
      await client.connect();
      return { client, close: async () => void client.disconnect() };
    },
  },
  {
    name: 'node-redis',
    async connect(url) {
      const client = createClient({ url });
      client.on('error', () => undefined);
      await client.connect();
      return { client, close: async () => void (client.isOpen ? client.destroy() : undefined) };
    },
  },
];

/** A plain ioredis connection to look at keys directly, independent of the store under test. */
export async function admin(url: string): Promise<Redis> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Keys unique to one test, so tests never touch each other's (or anybody's) data. */
export function uniquePrefix(label: string): string {
  return `douyin-push-test:${label}:${process.pid}:${Math.random().toString(36).slice(2)}:`;
}

/** Wait (bounded) until `check` holds; for expiry, which Redis decides, not the test. */
export async function until(check: () => Promise<boolean>, what: string, limitMs = 5000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Delete the keys a test wrote under its prefix (REDIS_URL may be somebody's shared server). */
export async function deleteKeys(raw: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await raw.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await raw.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
