import { setTimeout as sleep } from 'node:timers/promises';
import type { DedupeClaim, DedupeStore } from '../shared/dedupe/types.js';
import { DouyinPushError } from '../shared/errors.js';
import type { DouyinReply } from '../shared/receiver.js';
import { jsonReply, toDouyinError } from '../shared/reply.js';
import { withDeadline } from '../shared/deadline.js';

/**
 * Everything {@link deliverWithDedupe} needs to run one authentic push.
 *
 * @example
 * ```ts
 * const delivery: Delivery = { store, key, run, timeoutMs: 2500, inFlightWaitMs: 2500, ack: 'after-handling', waitUntil: undefined, report };
 * ```
 */
export interface Delivery {
  store: DedupeStore | undefined;
  key: string;
  run: () => Promise<void>;
  timeoutMs: number;
  inFlightWaitMs: number;
  ack: 'after-handling' | 'before-handling';
  waitUntil: ((promise: Promise<unknown>) => void) | undefined;
  report: (error: DouyinPushError) => void;
}

const HANDLED = jsonReply(200, { ok: true });
const DUPLICATE = jsonReply(200, { ok: true, duplicate: true });
const POLL_MS = 25;

/**
 * Runs a push's handlers at most once per dedupe key and picks the reply:
 * - completed before → 200 without running anything;
 * - in flight elsewhere → wait up to `inFlightWaitMs` for it (completed → 200; released after a
 *   failure → this delivery claims it and runs), else 409 so Douyin retries later;
 * - claimed → run; success → complete, 200; failure → release, 500; slower than `timeoutMs` → 503
 *   while the handlers go on, and the claim stays until they settle (complete or release), so a
 *   retry neither runs them twice nor gets a 200 for work that then fails.
 *
 * @example
 * ```ts
 * const reply = await deliverWithDedupe({ store, key: `${clientKey}:${msgId}`, run, timeoutMs: 2500,
 *   inFlightWaitMs: 2500, ack: 'after-handling', waitUntil: undefined, report: console.error });
 * ```
 */
export async function deliverWithDedupe(delivery: Delivery): Promise<DouyinReply> {
  const { store, key } = delivery;
  let token: string | undefined;
  if (store) {
    const claim = await claimOrWait(store, key, delivery.inFlightWaitMs);
    if (claim.status === 'completed') return DUPLICATE;
    token = claim.token;
  }

  const settled = delivery.run().then(
    async () => {
      if (store && token) await store.complete(key, token).catch((e: unknown) => delivery.report(storeError(e)));
    },
    async (error: unknown) => {
      if (store && token) await store.release(key, token).catch((e: unknown) => delivery.report(storeError(e)));
      throw error;
    },
  );

  if (delivery.ack === 'before-handling') {
    const background = settled.catch((e: unknown) => delivery.report(toDouyinError(e)));
    delivery.waitUntil?.(background);
    return HANDLED;
  }

  if ((await withDeadline(settled, delivery.timeoutMs)) !== 'timeout') return HANDLED;
  // Too slow: answer now so Douyin retries, and still account for how the handlers end.
  settled.catch((e: unknown) => delivery.report(toDouyinError(e)));
  delivery.waitUntil?.(settled.catch(() => undefined));
  throw new DouyinPushError(
    'HANDLER_TIMEOUT',
    503,
    `Handlers did not finish within timeoutMs (${delivery.timeoutMs} ms); they keep running and the retry is answered by their outcome.`,
  );
}

async function claimOrWait(
  store: DedupeStore,
  key: string,
  waitMs: number,
): Promise<Exclude<DedupeClaim, { status: 'processing' }>> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    let claim: DedupeClaim;
    try {
      claim = await store.claim(key);
    } catch (error) {
      throw storeError(error);
    }
    if (claim.status !== 'processing') return claim;
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new DouyinPushError(
        'DUPLICATE_IN_FLIGHT',
        409,
        'The same message is being handled by another delivery right now; retry later.',
      );
    }
    await sleep(Math.min(POLL_MS, left));
  }
}

function storeError(error: unknown): DouyinPushError {
  if (error instanceof DouyinPushError) return error;
  return new DouyinPushError(
    'DEDUPE_UNAVAILABLE',
    503,
    `The dedupe store failed: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error },
  );
}
