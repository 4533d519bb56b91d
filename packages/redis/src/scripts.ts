import { createHash } from 'node:crypto';
import type { RedisCommander } from './client';

/**
 * A Lua script run with EVALSHA (one round trip), falling back to EVAL when the server has
 * not cached it yet (NOSCRIPT: first use, after a restart or SCRIPT FLUSH).
 *
 * @example
 * ```ts
 * const reply = await runScript(commander, CLAIM, ['douyin-push:dedupe:aw1:m1'], ['p:tok', '10000']);
 * ```
 */
export interface LuaScript {
  readonly source: string;
  readonly sha: string;
}

function script(source: string): LuaScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/**
 * The value stored under a handled key (a processing key holds `p:<token>`).
 *
 * @example
 * ```ts
 * await commander.send('GET', [key]); // 'c' once handled
 * ```
 */
export const COMPLETED = 'c';

/**
 * The value stored while the attempt holding `token` runs.
 *
 * @example
 * ```ts
 * processingValue('3f2a') // 'p:3f2a'
 * ```
 */
export const processingValue = (token: string): string => `p:${token}`;

/**
 * absent → processing in one atomic step. Returns 1 when claimed, else the current value.
 * (Lua instead of `SET NX GET` keeps Redis < 7, Valkey and KeyDB working.)
 *
 * @example
 * ```ts
 * await runScript(commander, CLAIM, [key], [processingValue(token), '10000']); // 1 | 'c' | 'p:…'
 * ```
 */
export const CLAIM = script(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return redis.call('GET', KEYS[1])
`);

/**
 * processing → completed, only while ARGV[1] (the claim's value) still holds the key.
 *
 * @example
 * ```ts
 * await runScript(commander, COMPLETE, [key], [processingValue(token), COMPLETED, '86400000']); // 1 | 0
 * ```
 */
export const COMPLETE = script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0
`);

/**
 * processing → absent (compare-and-delete), only while ARGV[1] still holds the key, so a slow
 * attempt never releases a claim that a later attempt now holds.
 *
 * @example
 * ```ts
 * await runScript(commander, RELEASE, [key], [processingValue(token)]); // 1 | 0
 * ```
 */
export const RELEASE = script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/**
 * EVALSHA, then EVAL once if the script is not cached on the server.
 *
 * @example
 * ```ts
 * await runScript(commander, RELEASE, [key], [processingValue(token)]);
 * ```
 */
export async function runScript(
  commander: RedisCommander,
  lua: LuaScript,
  keys: readonly string[],
  args: readonly string[],
): Promise<unknown> {
  const rest = [String(keys.length), ...keys, ...args];
  try {
    return await commander.send('EVALSHA', [lua.sha, ...rest]);
  } catch (error) {
    if (!isNoScript(error)) throw error;
    return commander.send('EVAL', [lua.source, ...rest]);
  }
}

function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}

/**
 * Reads the epoch marker, creating it (without TTL) when absent. Returns `{1, value}` when it
 * existed, `{0, value}` when this call created it: a marker that vanishes between two
 * connections means Redis lost its data (a restart without persistence, a flush, eviction).
 *
 * @example
 * ```ts
 * await runScript(commander, EPOCH, ['douyin-push:epoch'], [randomUUID()]); // [1, 'e3b0…']
 * ```
 */
export const EPOCH = script(`
local v = redis.call('GET', KEYS[1])
if v then return {1, v} end
redis.call('SET', KEYS[1], ARGV[1])
return {0, ARGV[1]}
`);
