import { describe, expect, it } from 'vitest';
import { createDeadlineQueue, withDeadline } from '../src/common/deadline';
import { deferred } from './helpers';

describe('withDeadline (one queue, one timer, absolute deadlines)', () => {
  it('resolves with the outcome when work settles first, rejects with its error, and times out the rest', async () => {
    const now = Date.now();
    const fast = withDeadline(Promise.resolve('done'), now + 30);
    const failing = withDeadline(Promise.reject(new Error('boom')), now + 30);
    const slow = deferred();
    const late = withDeadline(slow.promise, now + 30);
    const longer = deferred();
    const other = withDeadline(longer.promise, now + 80);
    await expect(fast).resolves.toBe('done');
    await expect(failing).rejects.toThrow('boom');
    await expect(late).resolves.toBe('timeout');
    let otherDone = false;
    void other.then(() => (otherDone = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(otherDone).toBe(false);
    longer.resolve();
    await expect(other).resolves.toBeUndefined();
    slow.resolve();
  });

  it('fires an earlier deadline added after a later one on time (out-of-order arrival)', async () => {
    const now = Date.now();
    const far = deferred();
    const near = deferred();
    // If the near deadline waited for the far one's timer, this test would outlive its 5 s limit.
    const farResult = withDeadline(far.promise, now + 60_000);
    const nearResult = await withDeadline(near.promise, now + 20);
    expect(nearResult).toBe('timeout');
    far.resolve();
    await expect(farResult).resolves.toBeUndefined();
    near.resolve();
  });

  it('keeps serving deadlines after its queue went empty', async () => {
    for (let round = 0; round < 3; round++) {
      const hold = deferred();
      const at = Date.now() + 20;
      const results = await Promise.all([withDeadline(Promise.resolve(), at), withDeadline(hold.promise, at)]);
      expect(results).toEqual([undefined, 'timeout']);
      hold.resolve();
    }
  });

  it('fires in time order, also for entries inserted and cancelled between others, and never a cancelled one', async () => {
    const queue = createDeadlineQueue();
    const fired: string[] = [];
    const now = Date.now();
    const add = (name: string, after: number) => queue.add(now + after, () => fired.push(name));
    add('a', 20);
    const cancelLast = add('c', 80);
    add('b', 50); // between a and c
    add('d', 50); // same time as b: after it
    const cancelMiddle = add('e', 35); // between a and b
    cancelMiddle();
    cancelLast();
    add('f', 90); // after the cancelled last entry
    const cancelFirstOfTwo = add('z', 10);
    cancelFirstOfTwo();
    await new Promise((r) => setTimeout(r, 150));
    expect(fired).toEqual(['a', 'b', 'd', 'f']);
    cancelMiddle(); // a second cancel, and one after firing, change nothing
    expect(fired).toEqual(['a', 'b', 'd', 'f']);
  });
});
