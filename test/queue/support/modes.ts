import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';

/** The environment a receiver / worker process of `engine` needs, on a queue of its own. */
export function engineEnv(
  engine: 'bullmq' | 'pg-boss' | 'direct',
  downstream: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    ENGINE: engine,
    REDIS_URL: inject('redisUrl'),
    PG_URL: inject('pgUrl'),
    PG_SCHEMA: inject('pgSchema'),
    QUEUE: `q-${randomUUID()}`,
    DEDUPE_PREFIX: `dd-${randomUUID()}`,
    DOWNSTREAM: downstream,
    ...extra,
  };
}

/** A push count and the count of pushes handled more than once, from the downstream's tally. */
export function tally(ids: readonly string[], handled: Map<string, number>) {
  const lost = ids.filter((id) => !handled.has(id)).length;
  const twice = ids.filter((id) => (handled.get(id) ?? 0) > 1).length;
  return { pushes: ids.length, handled: ids.length - lost, lost, twice };
}
