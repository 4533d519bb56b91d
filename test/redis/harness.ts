import { afterAll, beforeAll } from 'vitest';
import { admin, deleteKeys } from '../../packages/redis/test/support/clients';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SECRET, signedPush } from '../../packages/redis/test/support/push';

const WORKER = fileURLToPath(new URL('./worker.mjs', import.meta.url));

export interface WorkerStats {
  name: string;
  handled: Record<string, number>;
  attempts: Record<string, number>;
  errors: Record<string, number>;
  unrecorded: string[];
}

export interface Worker {
  readonly name: string;
  readonly url: string;
  stats(): Promise<WorkerStats>;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  redisUrl: string;
  prefix: string;
  clientKind: 'ioredis' | 'node-redis';
  failPrefix?: string;
  redisTimeoutMs?: number;
  processingTtlMs?: number;
}

/** Start one app instance in its own `node` process on the built packages. */
export async function startWorker(name: string, options: WorkerOptions): Promise<Worker> {
  const child = spawn(process.execPath, [WORKER], {
    env: {
      ...process.env,
      WORKER_NAME: name,
      SECRET,
      REDIS_URL: options.redisUrl,
      PREFIX: options.prefix,
      CLIENT_KIND: options.clientKind,
      FAIL_PREFIX: options.failPrefix ?? '',
      REDIS_TIMEOUT_MS: String(options.redisTimeoutMs ?? 1000),
      PROCESSING_TTL_MS: String(options.processingTtlMs ?? 10_000),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { ready: number }).ready));
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    name,
    url,
    async stats() {
      return (await (await fetch(`${url}/stats`)).json()) as WorkerStats;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** POST one signed push to a worker, as Douyin would; resolves with the HTTP status. */
export async function deliver(worker: Worker, msgId: string): Promise<number> {
  const { body, headers } = signedPush(msgId);
  const response = await fetch(`${worker.url}/douyin/webhook`, { method: 'POST', headers, body });
  await response.arrayBuffer();
  return response.status;
}

/** Run `tasks` with at most `concurrency` at a time. */
export async function pool<T>(tasks: readonly (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, lane));
  return results;
}

/** Sum of every worker's handler counts per msg id. */
export function handledTotals(stats: readonly WorkerStats[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const s of stats) for (const [id, n] of Object.entries(s.handled)) totals.set(id, (totals.get(id) ?? 0) + n);
  return totals;
}

/** A seeded random source (the tests print the seed, so a failing run can be replayed). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => (state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
}

/** Fisher–Yates with the given random source. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * Registers beforeAll/afterAll that start workers a (ioredis, failing every `fail-` push),
 * b (node-redis) and c (ioredis) on one Redis and key prefix, then stop them and delete the keys.
 *
 * @example
 * ```ts
 * const workers = useThreeWorkers(redisUrl, uniquePrefix('multi'));
 * it('...', async () => { await deliver(workers()[0]!, 'msg-1'); });
 * ```
 */
export function useThreeWorkers(redisUrl: string, prefix: string): () => Worker[] {
  let workers: Worker[] = [];
  beforeAll(async () => {
    // Both client libraries on the same keys.
    workers = await Promise.all([
      startWorker('a', { redisUrl, prefix, clientKind: 'ioredis', failPrefix: 'fail-' }),
      startWorker('b', { redisUrl, prefix, clientKind: 'node-redis' }),
      startWorker('c', { redisUrl, prefix, clientKind: 'ioredis' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    const raw = await admin(redisUrl);
    await deleteKeys(raw, prefix);
    raw.disconnect();
  });
  return () => workers;
}
