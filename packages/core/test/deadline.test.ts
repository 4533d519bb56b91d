import { describe, expect, it } from 'vitest';
import { withDeadline } from '../src/shared/deadline';
import { deferred } from './helpers';

describe('withDeadline (one timer per timeout value)', () => {
  it('resolves with the outcome when work settles first, rejects with its error, and times out the rest in order', async () => {
    const fast = withDeadline(Promise.resolve(), 30);
    const failing = withDeadline(Promise.reject(new Error('boom')), 30);
    const slow = deferred();
    const late = withDeadline(slow.promise, 30);
    const longer = deferred();
    const other = withDeadline(longer.promise, 80); // another timeout value: its own queue
    await expect(fast).resolves.toBeUndefined();
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

  it('keeps serving deadlines after its queue went empty', async () => {
    for (let round = 0; round < 3; round++) {
      const hold = deferred();
      const results = await Promise.all([withDeadline(Promise.resolve(), 20), withDeadline(hold.promise, 20)]);
      expect(results).toEqual([undefined, 'timeout']);
      hold.resolve();
    }
  });
});
