/**
 * How a push is delivered: how long one attempt may take, how many retries follow a failed
 * attempt, and the pause between them.
 *
 * @example
 * ```ts
 * const policy: DeliveryPolicy = { timeoutMs: 3000, retries: 3, retryDelayMs: 500 };
 * ```
 */
export interface DeliveryPolicy {
  /** An attempt that has not answered (status and body) by then is aborted and counts as failed. */
  timeoutMs: number;
  /** Retries after the first attempt; 0 sends once. */
  retries: number;
  /** Pause after a failed attempt before the next one. */
  retryDelayMs: number;
}

/**
 * Douyin's delivery rules as the Local Life push docs state them (seed 001, 券消息通知): a push
 * counts as delivered only on HTTP 200 answered within 3 s; otherwise Douyin retries 500 ms
 * later, at most 3 times. "最大重试次数为 3 次" reads as 3 retries, so up to 4 attempts in all.
 * The protocol notes mark this rule UNCONFIRMED elsewhere (the generic DOP page says 5 s and
 * 3 retries); the CLI plays the stricter 3 s.
 *
 * @example
 * ```ts
 * const delivery = await deliver(push, AS_DOUYIN);
 * ```
 */
export const AS_DOUYIN: DeliveryPolicy = Object.freeze({ timeoutMs: 3000, retries: 3, retryDelayMs: 500 });

/**
 * Without `--as-douyin`: one attempt with a generous timeout, so a slow handler under a debugger
 * still shows its reply.
 *
 * @example
 * ```ts
 * const delivery = await deliver(push, { ...ONE_SHOT, timeoutMs: 30_000 });
 * ```
 */
export const ONE_SHOT: DeliveryPolicy = Object.freeze({ timeoutMs: 10_000, retries: 0, retryDelayMs: 500 });
