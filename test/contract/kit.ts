/**
 * The contract app's receiver, framework-free: the push receiver every adapter mounts in the
 * contract suite, with handlers that record what they saw. An app whose handlers the suite
 * cannot inject (a built Next.js app) creates its receiver with {@link createContractKit} too
 * and serves {@link ContractKit.state} as JSON (see README.md).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createDouyinWebhooks, type DouyinWebhooks } from '@douyin-push/core';

export const CONTRACT_SECRET = 'contract_test_secret';
export const CONTRACT_PATH = '/douyin/webhook';
/** Small enough to test 413 cheaply, larger than every valid push the suite sends. */
export const CONTRACT_MAX_BODY_BYTES = 64 * 1024;

/** Msg-Id prefixes that change how the contract handlers behave. */
export const FAIL_ONCE = 'fail-once-';
export const SLOW = 'slow-';

/** One handler run, as plain JSON (so an external app can serve it over HTTP). */
export interface HandledCall {
  name: string;
  action: string | undefined;
  msgId: string;
  clientKey: string;
  content: unknown;
  /** Whether the content matched the event's schema (typed) or was delivered raw. */
  typed: boolean;
  /** false for the attempt that threw (FAIL_ONCE). */
  ok: boolean;
}

/** One error core reported to `onError`. */
export interface ReportedError {
  code: string;
  status: number;
  message: string;
  msgId: string | undefined;
}

export interface ContractState {
  calls: HandledCall[];
  errors: ReportedError[];
}

export interface ContractKit {
  webhooks: DouyinWebhooks;
  state: ContractState;
}

/**
 * The receiver the suite mounts, with recording handlers:
 * - every push is recorded (`onAny`);
 * - a Msg-Id starting with {@link FAIL_ONCE} throws on its first run only;
 * - a Msg-Id starting with {@link SLOW} takes 200 ms, so concurrent duplicates overlap.
 */
export function createContractKit(): ContractKit {
  const state: ContractState = { calls: [], errors: [] };
  const failed = new Set<string>();
  const webhooks = createDouyinWebhooks({ clientSecret: CONTRACT_SECRET, maxBodyBytes: CONTRACT_MAX_BODY_BYTES });
  webhooks.onAny(async (event) => {
    const call: HandledCall = {
      name: event.name,
      action: event.action,
      msgId: event.msgId,
      clientKey: event.clientKey,
      content: event.content,
      typed: event.schemaIssues === undefined,
      ok: true,
    };
    if (event.msgId.startsWith(SLOW)) await sleep(200);
    if (event.msgId.startsWith(FAIL_ONCE) && !failed.has(event.msgId)) {
      failed.add(event.msgId);
      state.calls.push({ ...call, ok: false });
      throw new Error(`contract handler fails once for ${event.msgId}`);
    }
    state.calls.push(call);
  });
  webhooks.onError((error, context) => {
    state.errors.push({ code: error.code, status: error.status, message: error.message, msgId: context.msgId });
  });
  return { webhooks, state };
}
