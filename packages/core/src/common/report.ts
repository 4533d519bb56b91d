import type { DouyinPushError } from './errors.js';

/**
 * What an error report says besides the error. Fields named after Douyin's data are filled
 * only from verified requests: a forged push never reports its client_key or log_id as fact.
 *
 * @example
 * ```ts
 * webhooks.onError((error, context) => log.warn({ code: error.code, msgId: context.msgId ?? context.claimedMsgId }));
 * ```
 */
export interface DouyinErrorContext {
  /** Who reports: the push receiver, an SPI receiver, a dedupe or reply store, a queue worker. */
  source?: 'push' | 'spi' | 'store' | 'worker' | undefined;
  /** Whether the request's signature had been verified when the error happened. */
  verified?: boolean | undefined;
  /** Event name (verified requests only). */
  event?: string | undefined;
  /** The push's message id (verified requests only). */
  msgId?: string | undefined;
  /** The Msg-Id header as the caller sent it, before any check (may be forged; at most 128 characters). */
  claimedMsgId?: string | undefined;
  clientKey?: string | undefined;
  logId?: string | undefined;
  /** The SPI scenario (`fulfilment.order.tripartite_code`, ...). */
  scenario?: string | undefined;
}

/**
 * The one error reporter type of douyin-push: push receivers, SPI receivers, stores and queue
 * workers all report through it.
 *
 * @example
 * ```ts
 * const report: DouyinErrorHandler = (error, context) => sentry.captureException(error, { extra: { ...context } });
 * webhooks.onError(report);
 * ```
 */
export type DouyinErrorHandler = (error: DouyinPushError, context: DouyinErrorContext) => unknown;

/**
 * A receiver's error channel: `onError` subscribes, `report` delivers. With no listener, a 5xx
 * is written to `console.error` and a warning to `console.warn` (a push that was not handled
 * must leave a trace); 4xx refusals stay quiet.
 *
 * @example
 * ```ts
 * const reporter = createReporter();
 * reporter.onError((error) => console.log(error.code));
 * reporter.report(new DouyinPushError('HANDLER_FAILED', 500, 'boom'), { source: 'push' });
 * ```
 */
export function createReporter(): Reporter {
  const listeners = new Set<DouyinErrorHandler>();
  return {
    onError(handler) {
      listeners.add(handler);
      return () => listeners.delete(handler);
    },
    report(error, context) {
      if (listeners.size === 0) {
        if (error.status >= 500) console.error(error, context);
        else if (error.warning) console.warn(error.message, context);
        return;
      }
      for (const handler of listeners) {
        try {
          // A failing reporter must not change the reply Douyin gets.
          void Promise.resolve(handler(error, context)).catch((e: unknown) => console.error(e));
        } catch (e) {
          console.error(e);
        }
      }
    },
  };
}

/**
 * The error channel of a receiver (see {@link createReporter}).
 *
 * @example
 * ```ts
 * const { onError, report }: Reporter = createReporter();
 * ```
 */
export interface Reporter {
  /** Adds a listener; returns a function that removes it. */
  onError(handler: DouyinErrorHandler): () => void;
  report(error: DouyinPushError, context: DouyinErrorContext): void;
}
