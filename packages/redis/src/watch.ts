import { randomUUID } from 'node:crypto';
import { DouyinPushError, type DouyinErrorHandler } from '@douyin-push/core';
import type { RedisClientLike, RedisCommander } from './client';
import { deliver, type StoreReporter } from './reporter';
import { EPOCH, runScript } from './scripts';
import { withTimeout } from './unavailable';

/**
 * What the watcher of a client checks (see {@link watchRedis}).
 *
 * @example
 * ```ts
 * const options: WatchOptions = { epochKey: 'douyin-push:epoch', timeoutMs: 1000 };
 * ```
 */
export interface WatchOptions {
  /** Marker key whose disappearance reports lost data; `false` turns the check off. */
  epochKey: string | false;
  timeoutMs: number;
}

// Only `noeviction` keeps our keys: every key the stores write has a TTL, so the volatile-*
// policies may evict them as freely as allkeys-* (https://redis.io/docs/latest/develop/reference/eviction/).
const SAFE_POLICY = 'noeviction';

interface Watcher {
  readonly reporters: Set<StoreReporter>;
  /** Delivers the reports that found no reporter yet. */
  readonly flush: () => void;
}

// One watcher per client object: a dedupe store and a reply store sharing a client check it
// (and report) once.
const watchers = new WeakMap<object, Watcher>();

interface EventfulClient {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  listenerCount(event: string): number;
}

function isEventful(client: unknown): client is EventfulClient {
  return (
    typeof client === 'object' &&
    client !== null &&
    typeof (client as EventfulClient).on === 'function' &&
    typeof (client as EventfulClient).listenerCount === 'function'
  );
}

function isReady(client: unknown): boolean {
  const c = client as { status?: unknown; isReady?: unknown };
  return c.status === 'ready' || c.isReady === true;
}

/**
 * Watches a client for the ways Redis can forget completed pushes without an error:
 * - an eviction policy other than `noeviction` (checked when the watch starts and after every
 *   reconnect: `CONFIG GET maxmemory-policy`, or `INFO memory` where CONFIG is disabled);
 * - lost data: the epoch marker key vanished between two connections (a restart without
 *   persistence, `FLUSHALL`, eviction);
 * - a client without an `error` listener, which node-redis turns into a process crash when
 *   Redis goes away: one is attached that reports the error once per outage.
 * Reports go to the stores' reporters (see {@link StoreReporter}).
 *
 * @example
 * ```ts
 * watchRedis(client, toCommander(client), reporter, { epochKey: 'douyin-push:epoch', timeoutMs: 1000 });
 * ```
 */
export function watchRedis(client: RedisClientLike, commander: RedisCommander, reporter: StoreReporter, options: WatchOptions): void {
  const existing = watchers.get(client);
  if (existing) {
    existing.reporters.add(reporter);
    reporter.onBind(existing.flush);
    return;
  }
  const pending: DouyinPushError[] = [];
  const watcher: Watcher = { reporters: new Set([reporter]), flush: () => pending.splice(0).forEach(report) };
  watchers.set(client, watcher);

  const report = (error: DouyinPushError) => {
    const targets = new Set<DouyinErrorHandler>();
    for (const r of watcher.reporters) for (const target of r.targets()) targets.add(target);
    if (targets.size === 0) {
      if (pending.length < 20) pending.push(error);
      return;
    }
    deliver(targets, error);
  };
  reporter.onBind(watcher.flush);

  let reportedPolicy: string | undefined;
  let epoch: string | undefined;
  let running: Promise<void> = Promise.resolve();
  const check = () => {
    running = running.then(async () => {
      const policy = await readPolicy(commander, options.timeoutMs);
      if (policy !== undefined && policy !== SAFE_POLICY && policy !== reportedPolicy) {
        report(
          new DouyinPushError(
            'DEDUPE_EVICTION_POLICY',
            500,
            `@douyin-push/redis: Redis runs with maxmemory-policy ${policy}: when memory is full it deletes keys, handled pushes among them, and their redeliveries run again. Set maxmemory-policy noeviction (full memory then refuses writes, answered 503 and retried by Douyin).`,
          ),
        );
      }
      reportedPolicy = policy === SAFE_POLICY ? undefined : (policy ?? reportedPolicy);
      if (options.epochKey !== false) epoch = await checkEpoch(commander, options, epoch, report);
    });
  };

  if (!isEventful(client)) {
    check();
    return;
  }
  if (client.listenerCount('error') === 0) {
    let reported = false;
    client.on('error', (error: unknown) => {
      if (reported) return;
      reported = true;
      report(
        new DouyinPushError(
          'REDIS_CONNECTION_ERROR',
          503,
          `@douyin-push/redis: the Redis client failed: ${error instanceof Error ? error.message : String(error)}. It had no 'error' listener (node-redis crashes the process without one), so @douyin-push/redis added this one; add your own with client.on('error', ...).`,
          { cause: error },
        ),
      );
    });
    client.on('ready', () => {
      reported = false;
    });
  }
  client.on('ready', check);
  if (isReady(client)) check();
}

async function readPolicy(commander: RedisCommander, timeoutMs: number): Promise<string | undefined> {
  try {
    const reply = await withTimeout(commander.send('CONFIG', ['GET', 'maxmemory-policy']), timeoutMs, 'CONFIG GET maxmemory-policy');
    const policy = configValue(reply, 'maxmemory-policy');
    if (policy) return policy;
  } catch {
    // CONFIG is often disabled or renamed on managed Redis: INFO still tells.
  }
  try {
    const info = text(await withTimeout(commander.send('INFO', ['memory']), timeoutMs, 'INFO memory'));
    return /^maxmemory_policy:(\S+)/m.exec(info ?? '')?.[1];
  } catch {
    return undefined;
  }
}

// CONFIG GET answers [name, value] (RESP2), or a map (RESP3 clients).
function configValue(reply: unknown, name: string): string | undefined {
  if (Array.isArray(reply)) {
    const at = reply.findIndex((item) => text(item) === name);
    return at >= 0 ? text(reply[at + 1]) : undefined;
  }
  if (reply instanceof Map) return text(reply.get(name));
  if (typeof reply === 'object' && reply !== null) return text((reply as Record<string, unknown>)[name]);
  return undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return undefined;
}

async function checkEpoch(
  commander: RedisCommander,
  options: WatchOptions,
  known: string | undefined,
  report: (error: DouyinPushError) => void,
): Promise<string | undefined> {
  const key = options.epochKey as string;
  let reply: unknown;
  try {
    reply = await withTimeout(runScript(commander, EPOCH, [key], [randomUUID()]), options.timeoutMs, 'epoch check');
  } catch {
    return known;
  }
  const current = Array.isArray(reply) ? text(reply[1]) : undefined;
  if (current === undefined) return known;
  if (known !== undefined && current !== known) {
    report(
      new DouyinPushError(
        'DEDUPE_DATA_LOST',
        500,
        `@douyin-push/redis: Redis lost its data (the marker key ${key} disappeared: a restart without persistence, a flush or eviction). Pushes handled before may run again when Douyin redelivers them. Turn on AOF (appendonly yes) and keep maxmemory-policy noeviction.`,
      ),
    );
  }
  return current;
}
