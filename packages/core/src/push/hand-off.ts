import { withDeadline } from '../common/deadline.js';
import { DouyinPushError } from '../common/errors.js';
import type { DouyinReply } from '../common/receiver.js';
import { jsonReply } from '../common/reply.js';
import type { DouyinInbox, InboxPush } from './inbox.js';

const STORED = Object.freeze(jsonReply(200, { ok: true, queued: true }));
const DUPLICATE = Object.freeze(jsonReply(200, { ok: true, duplicate: true }));

/**
 * Durable mode's reply: 200 only once the inbox confirmed the write (or knew the push already);
 * a failed or slow write is a 503 so Douyin delivers the push again.
 *
 * @example
 * ```ts
 * return handOff(inbox, push, Date.now() + 2500); // { status: 200, body: '{"ok":true,"queued":true}' }
 * ```
 */
export async function handOff(inbox: DouyinInbox, push: InboxPush, deadline: number): Promise<DouyinReply> {
  let outcome: { duplicate: boolean } | undefined;
  const write = Promise.resolve()
    .then(() => inbox.enqueue(push))
    .then((result) => {
      outcome = result;
    });
  try {
    if ((await withDeadline(write, deadline)) === 'timeout') {
      write.catch(() => undefined);
      throw new DouyinPushError('INBOX_UNAVAILABLE', 503, 'The inbox did not confirm the write within timeoutMs.');
    }
  } catch (error) {
    if (error instanceof DouyinPushError) throw error;
    throw new DouyinPushError(
      'INBOX_UNAVAILABLE',
      503,
      `The inbox failed to store the push: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return outcome?.duplicate ? DUPLICATE : STORED;
}
