// Per-push handler deadlines without a timer per push (bench/README.md: core hot path).

/**
 * Resolves with `settled`'s outcome, or `'timeout'` after `ms`. Every delivery of a receiver has
 * the same `ms`, so deadlines come in order: one queue and one timer per `ms` serve them all
 * (a timer and a Promise.race per push cost ~1 µs, a tenth of the whole push).
 *
 * @example
 * ```ts
 * if ((await withDeadline(handlersDone, 2500)) === 'timeout') return reply503();
 * ```
 */
export function withDeadline(settled: Promise<void>, ms: number): Promise<void | 'timeout'> {
  return new Promise((resolve, reject) => {
    const entry: Deadline = { at: Date.now() + ms, fire: () => resolve('timeout'), done: false };
    const queue = enqueue(ms, entry);
    settled.then(
      () => {
        entry.done = true;
        resolve();
        trim(queue);
      },
      (error: unknown) => {
        entry.done = true;
        reject(error);
        trim(queue);
      },
    );
  });
}

interface Deadline {
  at: number;
  fire: () => void;
  done: boolean;
}
interface DeadlineQueue {
  ms: number;
  items: Deadline[];
  head: number;
  timer: NodeJS.Timeout | undefined;
}
const queues = new Map<number, DeadlineQueue>();

function enqueue(ms: number, entry: Deadline): DeadlineQueue {
  let queue = queues.get(ms);
  if (!queue) queues.set(ms, (queue = { ms, items: [], head: 0, timer: undefined }));
  queue.items.push(entry);
  if (!queue.timer) arm(queue);
  return queue;
}

function trim(queue: DeadlineQueue): void {
  while (queue.head < queue.items.length && queue.items[queue.head]!.done) queue.head++;
  if (queue.head > 1024 && queue.head * 2 > queue.items.length) {
    queue.items = queue.items.slice(queue.head);
    queue.head = 0;
  }
  // Empty: forget the entries but keep the timer; it finds nothing due and is not re-armed
  // (clearing it here would cost a timer per push whenever pushes come one at a time).
  if (queue.head === queue.items.length) {
    queue.items.length = 0;
    queue.head = 0;
  }
}

function arm(queue: DeadlineQueue): void {
  const next = queue.items[queue.head];
  // unref: a pending deadline alone does not keep the process alive.
  queue.timer = next ? setTimeout(() => expire(queue), Math.max(0, next.at - Date.now())).unref() : undefined;
}

function expire(queue: DeadlineQueue): void {
  const now = Date.now();
  while (queue.head < queue.items.length) {
    const entry = queue.items[queue.head]!;
    if (!entry.done && entry.at > now) break;
    if (!entry.done) {
      entry.done = true;
      entry.fire();
    }
    queue.head++;
  }
  trim(queue);
  arm(queue);
}
