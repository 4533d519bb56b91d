/**
 * A value now, or a promise of it. A dedupe store may answer synchronously (the memory store
 * does), and handlers may return nothing: core awaits only what is pending, so an in-process
 * store and a synchronous handler add no microtask to a push.
 *
 * @example
 * ```ts
 * const answer: MaybePromise<DedupeClaim> = store.claim('aw1:msg-1');
 * const claim = await answer; // works for both
 * ```
 */
export type MaybePromise<T> = T | PromiseLike<T>;

/**
 * Whether a {@link MaybePromise} is still pending: any thenable, not only a native Promise (a
 * store may be written on another promise library).
 *
 * @example
 * ```ts
 * const answer = store.claim(key);
 * const claim = isPending(answer) ? await answer : answer;
 * ```
 */
export function isPending<T>(value: MaybePromise<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}
