import type { DedupeStore } from '../common/dedupe/types.js';
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
  run: () => Promise<void>;
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
 * @example
 * ```ts
 * const reply = await deliverWithDedupe({ store, key, run, deadline: Date.now() + 2500,
 *   ack: 'after-handling', waitUntil: undefined, report: console.error, context: { source: 'push' } });
 * ```
 */
export async function deliverWithDedupe(delivery: Delivery): Promise<DouyinReply> {
  const { store, key } = delivery;
  let token: string | undefined;
  if (store) {
    const claim = await claimOrWait(store, key, delivery.waitDeadline ?? delivery.deadline);
    if (claim.status === 'completed') return DUPLICATE;
    if (claim.status !== 'claimed') {
      throw new DouyinPushError(
        'DUPLICATE_IN_FLIGHT',
        409,
        'The same message is being handled by another delivery right now; retry later.',
      );
    }
    token = claim.token;
  }

  const settled = delivery.run().then(
    async () => {
      if (store && token) await store.complete(key, token).catch((e: unknown) => delivery.report(storeError(e), delivery.context));
    },
    async (error: unknown) => {
      if (store && token) await store.release(key, token).catch((e: unknown) => delivery.report(storeError(e), delivery.context));
      throw error;
    },
  );

  if (delivery.ack === 'before-handling') {
    const background = settled.catch((e: unknown) => delivery.report(toDouyinError(e), delivery.context));
    delivery.waitUntil?.(background);
    return HANDLED;
  }

  if ((await withDeadline(settled, delivery.deadline)) !== 'timeout') return HANDLED;
  // Too slow: answer now so Douyin retries, and still account for how the handlers end.
  settled.catch((e: unknown) => delivery.report(toDouyinError(e), delivery.context));
  delivery.waitUntil?.(settled.catch(() => undefined));
  throw new DouyinPushError(
    'HANDLER_TIMEOUT',
    503,
    'Handlers did not finish within timeoutMs; they keep running and the retry is answered by their outcome.',
  );
}
