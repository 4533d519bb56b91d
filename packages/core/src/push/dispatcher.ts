import { DouyinHandlerError, DouyinPushError } from '../common/errors.js';
import { isPending, type MaybePromise } from '../common/maybe-promise.js';
import type { Reporter } from '../common/report.js';
import type { DouyinAnyEvent, DouyinEvent, DouyinHandlerName } from '../events/types.js';

type AnyHandler = (event: DouyinAnyEvent) => unknown;

/**
 * Handler registry of one receiver or worker: `on`, `onAny`, `off`, and the dispatch itself.
 * `isKnown` decides which names are real events: registering another name warns (a typo in
 * plain JS would otherwise lose pushes silently), and a push that reaches no handler at all is
 * reported once per event name.
 *
 * @example
 * ```ts
 * const dispatcher = createDispatcher(reporter, (name) => name in eventSchemas);
 * dispatcher.on('life_trade_order_notify', (event) => console.log(event.content.order.order_id));
 * ```
 */
export function createDispatcher(reporter: Reporter, isKnown: (eventName: string) => boolean) {
  const byName = new Map<string, Set<(event: never) => unknown>>();
  // `event.action` handlers apart: a push builds its `name.action` key only when some exist.
  const byAction = new Map<string, Set<(event: never) => unknown>>();
  const registryOf = (name: string) => (name.includes('.') ? byAction : byName);
  const anyHandlers = new Set<AnyHandler>();
  const unhandled = new Set<string>();

  function on<N extends DouyinHandlerName>(names: N | readonly N[], handler: (event: DouyinEvent<N>) => unknown): () => void {
    if (typeof handler !== 'function') throw new TypeError('@douyin-push/core: on(name, handler) needs a handler function.');
    for (const name of typeof names === 'string' ? [names] : names) {
      const event = name.includes('.') ? name.slice(0, name.indexOf('.')) : name;
      if (!isKnown(event)) {
        reporter.report(
          new DouyinPushError(
            'UNKNOWN_EVENT_NAME',
            200,
            `on(${JSON.stringify(name)}): "${event}" is not a known Douyin event. Check the spelling, or pass its schema in \`schemas\` to declare it.`,
            { warning: true },
          ),
          { source: 'push' },
        );
      }
      const registry = registryOf(name);
      let set = registry.get(name);
      if (!set) registry.set(name, (set = new Set()));
      set.add(handler);
    }
    return () => off(names, handler);
  }

  function off<N extends DouyinHandlerName>(names: N | readonly N[], handler: (event: DouyinEvent<N>) => unknown): void {
    for (const name of typeof names === 'string' ? [names] : names) registryOf(name).get(name)?.delete(handler);
  }

  function onAny(handler: AnyHandler): () => void {
    anyHandlers.add(handler);
    return () => anyHandlers.delete(handler);
  }

  /**
   * Runs every matching handler concurrently; fails with one DouyinHandlerError holding every
   * failure. A single handler that returns no promise is called without one: nothing is pending,
   * so nothing is returned (the caller then awaits nothing).
   */
  function dispatch(event: DouyinAnyEvent): MaybePromise<void> {
    const named = byName.get(event.name);
    const actioned = event.action !== undefined && byAction.size > 0 ? byAction.get(`${event.name}.${event.action}`) : undefined;
    const count = (named?.size ?? 0) + (actioned?.size ?? 0) + anyHandlers.size;
    if (count === 0) return reportUnhandled(event);
    if (count > 1) return dispatchAll(event, named, actioned);
    const only = (named?.size ? named : actioned?.size ? actioned : anyHandlers).values().next().value as (event: never) => unknown;
    let result: unknown;
    try {
      result = only(event as never);
    } catch (error) {
      throw new DouyinHandlerError([error], `${event.name} (msg ${event.msgId})`);
    }
    if (!isPending(result)) return;
    return Promise.resolve(result).then(
      () => undefined,
      (error: unknown) => {
        throw new DouyinHandlerError([error], `${event.name} (msg ${event.msgId})`);
      },
    );
  }

  async function dispatchAll(event: DouyinAnyEvent, ...sets: (Set<(event: never) => unknown> | undefined)[]): Promise<void> {
    const run: Promise<unknown>[] = [];
    const call = (handler: (event: never) => unknown) => {
      run.push(new Promise((resolve) => resolve(handler(event as never))));
    };
    for (const set of sets) set?.forEach(call);
    anyHandlers.forEach(call);
    const results = await Promise.allSettled(run);
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    if (errors.length > 0) throw new DouyinHandlerError(errors, `${event.name} (msg ${event.msgId})`);
  }

  function reportUnhandled(event: DouyinAnyEvent): void {
    if (unhandled.has(event.name)) return;
    unhandled.add(event.name);
    reporter.report(
      new DouyinPushError(
        'UNHANDLED_EVENT',
        200,
        `${event.name}: an authentic push reached no handler (answered 200; reported once per event name). Register one with on(${JSON.stringify(event.name)}) or onAny().`,
        { warning: true },
      ),
      { source: 'push', verified: true, event: event.name, msgId: event.msgId, clientKey: event.clientKey, logId: event.logId },
    );
  }

  return { on, off, onAny, onError: reporter.onError, dispatch };
}

/**
 * The registry API as users see it on a receiver or a queue worker.
 *
 * @example
 * ```ts
 * function register(d: DouyinDispatcher) {
 *   d.on('life_trade_order_notify', (e) => console.log(e.content.order.order_id));
 * }
 * ```
 */
export type DouyinDispatcher = Pick<ReturnType<typeof createDispatcher>, 'on' | 'off' | 'onAny' | 'onError'>;
