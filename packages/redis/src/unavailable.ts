import { DouyinPushError } from '@douyin-push/core';

/**
 * The error every Redis failure becomes: core answers 503 `DEDUPE_UNAVAILABLE`, so Douyin
 * delivers the push again instead of seeing a 200 for a push nobody handled.
 *
 * @example
 * ```ts
 * throw unavailable('claim', new Error('ECONNREFUSED'));
 * ```
 */
export function unavailable(operation: string, cause: unknown): DouyinPushError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new DouyinPushError('DEDUPE_UNAVAILABLE', 503, `@douyin-push/redis: ${operation} failed: ${reason}`, {
    cause,
  });
}

/**
 * Reject with `DEDUPE_UNAVAILABLE` when `promise` has not settled after `ms`: an offline client
 * queues commands instead of failing, and Douyin gives up on a push after 3 s.
 *
 * @example
 * ```ts
 * const reply = await withTimeout(commander.send('PING', []), 1000, 'ping');
 * ```
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, operation: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unavailable(operation, new Error(`no reply within ${ms} ms`))), ms);
  });
  return Promise.race([promise, timeout]).then(
    (value) => {
      clearTimeout(timer);
      return value;
    },
    (error: unknown) => {
      clearTimeout(timer);
      throw error instanceof DouyinPushError ? error : unavailable(operation, error);
    },
  );
}
