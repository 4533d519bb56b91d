import type { DedupeClaim, DedupeStore } from '../common/dedupe/types.js';
import { isPending, type MaybePromise } from '../common/maybe-promise.js';
import { claimOrWait, storeError } from '../common/dedupe/wait.js';
import { withDeadline } from '../common/deadline.js';
import { DouyinPushError } from '../common/errors.js';
import type { DouyinReply } from '../common/receiver.js';
import { jsonReply, toDouyinError } from '../common/reply.js';
import type { DouyinErrorContext, DouyinErrorHandler } from '../common/report.js';

/**
 * Everything {@link deliverWithDedupe} needs to run one authentic push.
 *
 * @example
 * ```ts
 * const delivery: Delivery = { store, key, run, deadline: arrivedAt + 2500, ack: 'after-handling', waitUntil: undefined, report, context };
 * ```
 */
export interface Delivery {
  store: DedupeStore | undefined;
  key: string;
  /** Runs the handlers: `undefined` when they all finished synchronously, else their promise. */
  run: () => MaybePromise<void>;
  /** When the reply must leave (ms since the epoch): the request's arrival plus `timeoutMs`. */
  deadline: number;
  /** Until when a duplicate waits for an in-flight delivery (at most `deadline`). */
  waitDeadline?: number | undefined;
  ack: 'after-handling' | 'before-handling';
  waitUntil: ((promise: Promise<unknown>) => void) | undefined;
  /** Where late failures go (after the reply, or when a store call fails), with the request's context. */
  report: DouyinErrorHandler;
  context: DouyinErrorContext;
}

// Frozen: shared by every push, and the Node writer encodes a frozen reply once.
const HANDLED = Object.freeze(jsonReply(200, { ok: true }));
const DUPLICATE = Object.freeze(jsonReply(200, { ok: true, duplicate: true }));

/**
 * Runs a push's handlers at most once per dedupe key and picks the reply. Waiting for an
 * in-flight duplicate and running the handlers share one deadline, so every reply leaves in time:
 * - completed before → 200 without running anything;
 * - in flight elsewhere → wait for it (completed → 200; released after a failure → this
 *   delivery claims and runs), else 409 so Douyin retries later;
 * - claimed → run; success → complete, 200; failure → release, 500; past the deadline → 503
 *   while the handlers go on, and the claim stays until they settle, so a retry neither runs
 *   them twice nor gets a 200 for work that then fails.
 *
 * Only what is pending is awaited: with a store that answers synchronously (`memoryDedupe`) and
 * handlers that return no promise, the reply is returned without a promise (a deadline can only
 * pass while something is pending).
 *
 * @example
 * ```ts
 * const reply = await deliverWithDedupe({ store, key, run, deadline: Date.now() + 2500,
 *   ack: 'after-handling', waitUntil: undefined, report: console.error, context: { source: 'push' } });
 * ```
 */
export function deliverWithDedupe(delivery: Delivery): MaybePromise<DouyinReply> {
  const { store, key } = delivery;
  if (!store) return runHandlers(delivery, undefined, undefined);
  let claim: MaybePromise<DedupeClaim>;
  try {
    claim = store.claim(key);
  } catch (error) {
    throw storeError(error);
  }
  if (isPending(claim)) return Promise.resolve(claim).then((answer) => afterClaim(delivery, store, answer), rejectAsStoreError);
  return afterClaim(delivery, store, claim);
}

function rejectAsStoreError(error: unknown): never {
  throw storeError(error);
}

// 'peeked' cannot happen here (no peek is passed); like 'busy', it is not a claim.
function afterClaim(delivery: Delivery, store: DedupeStore, claim: DedupeClaim | { status: 'busy' | 'peeked' }): MaybePromise<DouyinReply> {
  if (claim.status === 'processing') {
    // Held by another delivery: wait in the one loop shared with SPI, within the request's deadline.
    const waitDeadline = delivery.waitDeadline ?? delivery.deadline;
    return claimOrWait<never>(store, delivery.key, waitDeadline, undefined, true).then((waited) => afterClaim(delivery, store, waited));
  }
  if (claim.status === 'completed') return DUPLICATE;
  if (claim.status !== 'claimed') {
    throw new DouyinPushError('DUPLICATE_IN_FLIGHT', 409, 'The same message is being handled by another delivery right now; retry later.');
  }
  return runHandlers(delivery, store, claim.token);
}

function runHandlers(delivery: Delivery, store: DedupeStore | undefined, token: string | undefined): MaybePromise<DouyinReply> {
  let work: MaybePromise<void>;
  try {
    work = delivery.run();
  } catch (error) {
    const released = store && token ? storeWrite(delivery, store, 'release', token) : undefined;
    if (released) return released.then(() => Promise.reject(error));
    throw error;
  }
  if (!isPending(work)) {
    const completed = store && token ? storeWrite(delivery, store, 'complete', token) : undefined;
    return completed ? completed.then(() => HANDLED) : HANDLED;
  }

  const settled = Promise.resolve(work).then(
    () => (store && token ? storeWrite(delivery, store, 'complete', token) : undefined),
    async (error: unknown) => {
      if (store && token) await storeWrite(delivery, store, 'release', token);
      throw error;
    },
  );

  if (delivery.ack === 'before-handling') {
    const background = settled.catch((e: unknown) => delivery.report(toDouyinError(e), delivery.context));
    delivery.waitUntil?.(background);
    return HANDLED;
  }
  return withDeadline(settled, delivery.deadline).then((outcome) => {
    if (outcome !== 'timeout') return HANDLED;
    // Too slow: answer now so Douyin retries, and still account for how the handlers end.
    settled.catch((e: unknown) => delivery.report(toDouyinError(e), delivery.context));
    delivery.waitUntil?.(settled.catch(() => undefined));
    throw new DouyinPushError(
      'HANDLER_TIMEOUT',
      503,
      'Handlers did not finish within timeoutMs; they keep running and the retry is answered by their outcome.',
    );
  });
}

/**
 * One store write whose failure is reported, not thrown: the push's outcome is decided by its
 * handlers, and a lost complete or release only costs a rerun or a wait for the claim's TTL.
 */
function storeWrite(delivery: Delivery, store: DedupeStore, write: 'complete' | 'release', token: string): Promise<void> | undefined {
  try {
    // Two plain calls, not `store[write]`: a computed method name is a polymorphic lookup per push.
    const pending = write === 'complete' ? store.complete(delivery.key, token) : store.release(delivery.key, token);
    if (isPending(pending)) {
      return Promise.resolve(pending).catch((e: unknown) => {
        delivery.report(storeError(e), delivery.context);
      });
    }
  } catch (error) {
    delivery.report(storeError(error), delivery.context);
  }
  return undefined;
}
