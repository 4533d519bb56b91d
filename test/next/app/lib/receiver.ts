import { createDouyinWebhooks, type DouyinWebhooks } from '@douyin-push/core';

/** What the tests read back over HTTP (GET /api/test-state). */
export interface TestState {
  handled: string[];
  errors: { code: string; message: string }[];
}

function create(): { receiver: DouyinWebhooks; state: TestState } {
  const state: TestState = { handled: [], errors: [] };
  const receiver = createDouyinWebhooks({ clientSecret: process.env.DOUYIN_CLIENT_SECRET ?? 'unset', timeoutMs: 2500 });
  receiver.onAny((event) => {
    if ((event.content as { status?: unknown } | null)?.status === 'FAIL_ME') throw new Error('handler failed on purpose');
    state.handled.push(event.msgId);
  });
  receiver.onError((error) => void state.errors.push({ code: error.code, message: error.message }));
  return { receiver, state };
}

// One receiver per process although App Router and Pages Router routes are bundled apart.
const shared = globalThis as typeof globalThis & { douyinTest?: ReturnType<typeof create> };
const current = (shared.douyinTest ??= create());
export const receiver = current.receiver;
export const state = current.state;
