// Per-request deadlines without a timer per request (bench/README.md: core hot path): pending
// deadlines sit in a queue sorted by time, served by one timer. Only web-standard timers are
// used, so the same code runs on Node, Bun, Deno, workerd and edge runtimes.

interface Deadline {
  at: number;
  fire: () => void;
  done: boolean;
}

/**
 * A queue of deadlines served by one timer. Inserting is cheap when deadlines arrive in order
 * (the walk back from the tail is then zero steps), so each kind of deadline that shares one
 * duration gets its own queue: handler deadlines here, body-read deadlines in the Node reader.
 *
 * @example
 * ```ts
 * const bodyDeadlines = createDeadlineQueue();
 * const cancel = bodyDeadlines.add(Date.now() + 10_000, () => fail(bodyTimeout()));
 * stream.on('end', cancel);
 * ```
 */
export function createDeadlineQueue(): { add(at: number, fire: () => void): () => void } {
  const queue: Deadline[] = [];
  let head = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let armedAt = Infinity;

  function trim(): void {
    while (head < queue.length && queue[head]!.done) head++;
    if (head === queue.length) {
      // Empty: forget the entries but keep the timer; it finds nothing due and is not re-armed
      // (clearing it here would cost a timer per request whenever requests come one at a time).
      queue.length = 0;
      head = 0;
    } else if (head > 1024 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
  }

  function arm(): void {
    if (timer !== undefined) clearTimeout(timer);
    const next = queue[head];
    armedAt = next ? next.at : Infinity;
    timer = next ? setTimeout(expire, Math.max(0, next.at - Date.now())) : undefined;
    if (timer !== undefined) unref(timer);
  }

  function expire(): void {
    timer = undefined;
    armedAt = Infinity;
    const now = Date.now();
    while (head < queue.length) {
      const entry = queue[head]!;
      if (!entry.done && entry.at > now) break;
      if (!entry.done) {
        entry.done = true;
        entry.fire();
      }
      head++;
    }
    trim();
    arm();
  }

  return {
    add(at, fire) {
      const entry: Deadline = { at, fire, done: false };
      let i = queue.length;
      while (i > head && queue[i - 1]!.at > at) i--;
      if (i === queue.length) queue.push(entry);
      else queue.splice(i, 0, entry);
      if (at < armedAt) arm();
      return () => {
        if (entry.done) return;
        entry.done = true;
        trim();
      };
    },
  };
}

const handlerDeadlines = createDeadlineQueue();

/**
 * Resolves with `work`'s outcome, or `'timeout'` once the clock passes `at` (ms since the
 * epoch). A request has one deadline from its arrival, shared by every step that waits.
 *
 * @example
 * ```ts
 * const at = Date.now() + 2500;
 * if ((await withDeadline(handlersDone, at)) === 'timeout') return reply503();
 * ```
 */
export function withDeadline<T>(work: Promise<T>, at: number): Promise<T | 'timeout'> {
  return new Promise((resolve, reject) => {
    const cancel = handlerDeadlines.add(at, () => resolve('timeout'));
    work.then(
      (value) => {
        cancel();
        resolve(value);
      },
      (error: unknown) => {
        cancel();
        reject(error);
      },
    );
  });
}

/**
 * Waits `ms` (capped by `at`, when given). Web-standard: no `timers/promises`.
 *
 * @example
 * ```ts
 * await sleep(25);
 * ```
 */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const handle = setTimeout(resolve, ms);
    unref(handle);
  });
}

// Node and Bun return a Timeout with unref (a pending deadline alone must not keep the process
// alive); browsers, Deno and workerd return a number: nothing to do there.
function unref(handle: unknown): void {
  (handle as { unref?: () => void }).unref?.();
}
