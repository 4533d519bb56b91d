import { DouyinPushError } from '@douyin-push/core';
import type { RetryPolicy } from './types.js';

/**
 * The default retry policy: 12 attempts over about 3.4 hours (10 s, 20 s, 40 s … capped at
 * one hour), long enough to ride out a deploy, a database failover or a partner API outage.
 *
 * @example
 * ```ts
 * createDouyinWorker({ queue, retries: { ...DEFAULT_RETRIES, attempts: 20 } });
 * ```
 */
export const DEFAULT_RETRIES: RetryPolicy = Object.freeze({
  attempts: 12,
  backoff: Object.freeze({ delayMs: 10_000, maxDelayMs: 3_600_000 }),
});

/**
 * The wait after `failedAttempts` attempts failed (1 → `delayMs`, doubling, capped).
 *
 * @example
 * ```ts
 * backoffDelay(DEFAULT_RETRIES, 3); // 40_000
 * ```
 */
export function backoffDelay(policy: RetryPolicy, failedAttempts: number): number {
  const exponent = Math.min(Math.max(failedAttempts - 1, 0), 40);
  return Math.min(policy.backoff.maxDelayMs, policy.backoff.delayMs * 2 ** exponent);
}

/**
 * Checks a retry policy once, at start, so a typo fails loudly instead of retrying forever.
 *
 * @example
 * ```ts
 * const retries = checkRetries({ attempts: 5, backoff: { delayMs: 1000, maxDelayMs: 60_000 } });
 * ```
 */
export function checkRetries(policy: RetryPolicy): RetryPolicy {
  const { attempts, backoff } = policy;
  const bad = (what: string) => new DouyinPushError('CONFIG_INVALID', 500, `@douyin-push/queue: retries.${what}`);
  if (!Number.isSafeInteger(attempts) || attempts < 1) throw bad(`attempts must be a whole number ≥ 1, got ${attempts}`);
  if (!(backoff?.delayMs >= 0)) throw bad(`backoff.delayMs must be ≥ 0, got ${backoff?.delayMs}`);
  if (!(backoff.maxDelayMs >= backoff.delayMs)) throw bad(`backoff.maxDelayMs must be ≥ delayMs, got ${backoff.maxDelayMs}`);
  return policy;
}
