import type { DouyinErrorHandler, DouyinPushError } from '@douyin-push/core';

// Warnings found before any receiver bound its reporter (and without `onError`) wait here, so
// a policy check that finishes first is still heard. Bounded: a store that is never bound
// must not grow.
const MAX_PENDING = 20;

/**
 * Where a store's reports go: the reporters receivers bound with `bindReporter`, else the
 * store's `onError` option, else a short queue delivered at the first bind.
 *
 * @example
 * ```ts
 * const reporter = createStoreReporter(options.onError);
 * reporter.bind((error) => log.warn(error));
 * reporter.report(new DouyinPushError('DEDUPE_EVICTION_POLICY', 500, 'allkeys-lru'));
 * ```
 */
export interface StoreReporter {
  report(error: DouyinPushError): void;
  bind(report: DouyinErrorHandler): void;
  /** The functions a report goes to right now (empty: it would be queued). */
  targets(): readonly DouyinErrorHandler[];
  /** Called with `targets()` ready to take queued reports (a watcher shares them). */
  onBind(listener: () => void): void;
}

/**
 * Creates a {@link StoreReporter}; `onError` is the store's option (used until a bind).
 *
 * @example
 * ```ts
 * const reporter = createStoreReporter((error) => console.warn(error.message));
 * ```
 */
export function createStoreReporter(onError: ((error: DouyinPushError) => void) | undefined): StoreReporter {
  const bound = new Set<DouyinErrorHandler>();
  const pending: DouyinPushError[] = [];
  const bindListeners: (() => void)[] = [];
  const targets = (): readonly DouyinErrorHandler[] => (bound.size > 0 ? [...bound] : onError ? [onError] : []);
  return {
    targets,
    report(error) {
      const to = targets();
      if (to.length === 0) {
        if (pending.length < MAX_PENDING) pending.push(error);
        return;
      }
      deliver(to, error);
    },
    bind(report) {
      if (typeof report !== 'function') return;
      bound.add(report);
      for (const error of pending.splice(0)) deliver([report], error);
      for (const listener of bindListeners) listener();
    },
    onBind(listener) {
      bindListeners.push(listener);
    },
  };
}

/**
 * Calls each reporter once; a reporter that throws never reaches the caller.
 *
 * @example
 * ```ts
 * deliver([log], error);
 * ```
 */
export function deliver(targets: Iterable<DouyinErrorHandler>, error: DouyinPushError): void {
  for (const target of targets) {
    try {
      // Store problems have no push to describe: the context is empty (never guessed).
      const result = target(error, {});
      if (result && typeof (result as Promise<unknown>).catch === 'function') (result as Promise<unknown>).catch(() => undefined);
    } catch {
      // A failing reporter must not turn into a failed push.
    }
  }
}
