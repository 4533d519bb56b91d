import { DouyinHandlerError, DouyinPushError } from '../shared/errors.js';
import type { DouyinAnyEvent, DouyinEvent, DouyinHandlerName } from '../events/types.js';

type AnyHandler = (event: DouyinAnyEvent) => unknown;

/**
 * What `onError` receives besides the error: whatever was known of the request when it failed.
 *
 * @example
 * ```ts
 * webhooks.onError((error, context) => log.warn({ code: error.code, msgId: context.msgId }));
 * ```
 */
export interface DouyinErrorContext {
  event?: string | undefined;
  msgId?: string | undefined;
  clientKey?: string | undefined;
  logId?: string | undefined;
}

/**
 * An `onError` listener. It sees every non-2xx reply's error (forged pushes, handler failures,
 * timeouts, setup mistakes) and failures after an early ack.
 *
 * @example
 * ```ts
 * const report: DouyinErrorHandler = (error) => sentry.captureException(error);
 * ```
 */
export type DouyinErrorHandler = (error: DouyinPushError, context: DouyinErrorContext) => unknown;

/**
 * Handler registry of one receiver: `on`, `onAny`, `onError`, `off`, and the dispatch itself.
 *
 * @example
 * ```ts
 * const dispatcher = createDispatcher();
 * dispatcher.on('life_trade_order_notify', (event) => console.log(event.content.order.order_id));
 * ```
 */
export function createDispatcher() {
  const byName = new Map<string, Set<(event: never) => unknown>>();
  const anyHandlers = new Set<AnyHandler>();
  const errorHandlers = new Set<DouyinErrorHandler>();

  function on<N extends DouyinHandlerName>(
    names: N | readonly N[],
    handler: (event: DouyinEvent<N>) => unknown,
  ): () => void {
    for (const name of typeof names === 'string' ? [names] : names) {
      let set = byName.get(name);
      if (!set) byName.set(name, (set = new Set()));
      set.add(handler);
    }
    return () => off(names, handler);
  }

  function off<N extends DouyinHandlerName>(
    names: N | readonly N[],
    handler: (event: DouyinEvent<N>) => unknown,
  ): void {
    for (const name of typeof names === 'string' ? [names] : names) byName.get(name)?.delete(handler);
  }

  function onAny(handler: AnyHandler): () => void {
    anyHandlers.add(handler);
    return () => anyHandlers.delete(handler);
  }

  function onError(handler: DouyinErrorHandler): () => void {
    errorHandlers.add(handler);
    return () => errorHandlers.delete(handler);
  }

  /** Runs every matching handler concurrently; throws one DouyinHandlerError with all failures. */
  async function dispatch(event: DouyinAnyEvent): Promise<void> {
    // The common case, one handler: no Promise wrapper, no allSettled.
    const named = byName.get(event.name);
    const actioned = event.action !== undefined ? byName.get(`${event.name}.${event.action}`) : undefined;
    const count = (named?.size ?? 0) + (actioned?.size ?? 0) + anyHandlers.size;
    if (count === 0) return;
    if (count === 1) {
      const only = (named?.size ? named : actioned?.size ? actioned : anyHandlers).values().next().value as (event: never) => unknown;
      try {
        await only(event as never);
      } catch (error) {
        throw new DouyinHandlerError([error], `${event.name} (msg ${event.msgId})`);
      }
      return;
    }
    const run: Promise<unknown>[] = [];
    const call = (handler: (event: never) => unknown) => {
      run.push(new Promise((resolve) => resolve(handler(event as never))));
    };
    byName.get(event.name)?.forEach(call);
    if (event.action !== undefined) byName.get(`${event.name}.${event.action}`)?.forEach(call);
    anyHandlers.forEach(call);
    if (run.length === 0) return;
    const results = await Promise.allSettled(run);
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    if (errors.length > 0) throw new DouyinHandlerError(errors, `${event.name} (msg ${event.msgId})`);
  }

  function reportError(error: DouyinPushError, context: DouyinErrorContext): void {
    if (errorHandlers.size === 0) {
      // Nobody listens: a 5xx means a push was not handled, which must leave a trace.
      if (error.status >= 500) console.error(error, context);
      return;
    }
    for (const handler of errorHandlers) {
      try {
        void Promise.resolve(handler(error, context)).catch((e: unknown) => console.error(e));
      } catch (e) {
        console.error(e);
      }
    }
  }

  return { on, off, onAny, onError, dispatch, reportError };
}

/**
 * The registry API as users see it on a receiver.
 *
 * @example
 * ```ts
 * function register(d: DouyinDispatcher) {
 *   d.on('life_trade_order_notify', (e) => console.log(e.content.order.order_id));
 * }
 * ```
 */
export type DouyinDispatcher = Pick<ReturnType<typeof createDispatcher>, 'on' | 'off' | 'onAny' | 'onError'>;
