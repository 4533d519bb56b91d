// Per-request deadlines without a timer per request (bench/README.md: core hot path): pending
// deadlines sit in a queue sorted by time, served by one timer. Only web-standard timers are
// used, so the same code runs on Node, Bun, Deno, workerd and edge runtimes.

interface Deadline {
  at: number;
  fire: () => void;
  done: boolean;
  prev: Deadline | undefined;
  next: Deadline | undefined;
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
  // A list linked both ways, sorted by time: a cancelled entry leaves at once, and no array
  // grows, shrinks or splices under the requests (that cost ~200 bytes per request).
  let first: Deadline | undefined;
  let last: Deadline | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let armedAt = Infinity;

  function unlink(entry: Deadline): void {
    if (entry.prev) entry.prev.next = entry.next;
    else first = entry.next;
    if (entry.next) entry.next.prev = entry.prev;
    else last = entry.prev;
    entry.prev = entry.next = undefined;
  }

  function arm(): void {
    if (timer !== undefined) clearTimeout(timer);
    armedAt = first ? first.at : Infinity;
    timer = first ? setTimeout(expire, Math.max(0, first.at - Date.now())) : undefined;
    if (timer !== undefined) unref(timer);
  }

  function expire(): void {
    // When the list emptied, the timer was kept (clearing it would cost a timer per request
    // whenever requests come one at a time): it finds nothing due and is not re-armed.
    timer = undefined;
    armedAt = Infinity;
    const now = Date.now();
    while (first && first.at <= now) {
      const entry = first;
      unlink(entry);
      entry.done = true;
      entry.fire();
    }
    arm();
  }

  return {
    add(at, fire) {
      const entry: Deadline = { at, fire, done: false, prev: undefined, next: undefined };
      // Deadlines of one duration arrive in order, so the walk back from the end is zero steps.
      let before = last;
      while (before && before.at > at) before = before.prev;
      entry.prev = before;
      entry.next = before ? before.next : first;
      if (entry.next) entry.next.prev = entry;
      else last = entry;
      if (before) before.next = entry;
      else first = entry;
      if (at < armedAt) arm();
      return () => {
        if (entry.done) return;
        entry.done = true;
        unlink(entry);
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
