import { setTimeout as sleep } from 'node:timers/promises';
import type { DeliveryPolicy } from './delivery-policy.js';

/**
 * One signed push, ready to go on the wire: the exact body bytes and Douyin's headers.
 *
 * @example
 * ```ts
 * const { body, headers } = buildPush({ event: 'life_trade_order_notify', content, secret });
 * const push: OutgoingPush = { url, body, headers, event: 'life_trade_order_notify', msgId: headers['Msg-Id'], copy: 0 };
 * ```
 */
export interface OutgoingPush {
  url: string;
  body: Uint8Array;
  headers: Readonly<Record<string, string>>;
  /** The `event` of the body (for display; `?` when the body is not a Douyin envelope). */
  event: string;
  /** The `Msg-Id` header value ('' when none is sent). */
  msgId: string;
  /** 0 for the push itself, n for its n-th duplicate (same bytes, same Msg-Id). */
  copy: number;
}

/** How one HTTP attempt ended. Only `accepted` (HTTP 200) counts as delivered for Douyin. */
export type AttemptOutcome = 'accepted' | 'rejected' | 'timeout' | 'network-error';

/**
 * One attempt of a delivery.
 *
 * @example
 * ```ts
 * if (attempt.outcome === 'timeout') console.log(`no answer within ${attempt.latencyMs} ms`);
 * ```
 */
export interface Attempt {
  /** 1 for the first attempt. */
  attempt: number;
  outcome: AttemptOutcome;
  /** HTTP status, when the receiver answered in time. */
  status?: number | undefined;
  /** From sending the request to the last byte of the reply (or to the abort / error). */
  latencyMs: number;
  /** The reply body as text (the first 4 KiB). */
  body?: string | undefined;
  /** Why there is no status: the timeout or the network error. */
  error?: string | undefined;
  /** Set when another attempt follows: the pause before it. */
  retryInMs?: number | undefined;
}

/**
 * A push and every attempt made to deliver it.
 *
 * @example
 * ```ts
 * const { delivered, attempts } = await deliver(push, AS_DOUYIN);
 * ```
 */
export interface Delivery {
  push: OutgoingPush;
  attempts: Attempt[];
  /** Whether the last attempt got HTTP 200 within the timeout. */
  delivered: boolean;
}

const MAX_BODY_CHARS = 4096;

/**
 * Sends a push the way the policy says: an attempt aborted at `timeoutMs`, and on any answer
 * other than 200 (or a timeout, or a network error) a retry `retryDelayMs` later, up to
 * `retries` times. `onAttempt` sees every attempt as it ends, so a caller can print it live.
 *
 * @example
 * ```ts
 * const delivery = await deliver(push, AS_DOUYIN, (attempt) => console.log(attempt.status));
 * ```
 */
export async function deliver(
  push: OutgoingPush,
  policy: DeliveryPolicy,
  onAttempt?: (attempt: Attempt, push: OutgoingPush) => void,
): Promise<Delivery> {
  const attempts: Attempt[] = [];
  for (let n = 1; ; n++) {
    const attempt = await attemptOnce(push, n, policy.timeoutMs);
    const last = attempt.outcome === 'accepted' || n > policy.retries;
    if (!last) attempt.retryInMs = policy.retryDelayMs;
    attempts.push(attempt);
    onAttempt?.(attempt, push);
    if (last) return { push, attempts, delivered: attempt.outcome === 'accepted' };
    await sleep(policy.retryDelayMs);
  }
}

async function attemptOnce(push: OutgoingPush, n: number, timeoutMs: number): Promise<Attempt> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  try {
    // The signal covers the body too: Douyin wants the whole answer within the limit.
    const response = await fetch(push.url, {
      method: 'POST',
      headers: push.headers,
      body: push.body as Uint8Array<ArrayBuffer>,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return {
      attempt: n,
      outcome: response.status === 200 ? 'accepted' : 'rejected',
      status: response.status,
      latencyMs: elapsed(),
      body: text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}…` : text,
    };
  } catch (error) {
    if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      return { attempt: n, outcome: 'timeout', latencyMs: elapsed(), error: `no answer within ${timeoutMs} ms` };
    }
    return { attempt: n, outcome: 'network-error', latencyMs: elapsed(), error: describeNetworkError(error) };
  }
}

/** fetch says only "fetch failed"; the useful part (ECONNREFUSED, ENOTFOUND, ...) is in `cause`. */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused (is the receiver running on that port?)';
  if (cause?.code) return `${cause.code}: ${cause.message ?? ''}`.trim();
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs `task` over `items` with at most `limit` in flight, keeping the input order in the
 * result. (A dozen lines; not worth a dependency for the one place the CLI needs it.)
 *
 * @example
 * ```ts
 * const deliveries = await mapLimit(pushes, 8, (push) => deliver(push, AS_DOUYIN));
 * ```
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
