import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, inject, it } from 'vitest';
import { uniquePrefix } from '../../packages/redis/test/support/clients';
import { deliver, handledTotals, pool, seeded, shuffle, useThreeWorkers, type Worker } from './harness';

const redisUrl = inject('redisUrl');

describe('3 processes share one Redis', () => {
  const prefix = uniquePrefix('multi');
  const workersOf = useThreeWorkers(redisUrl, prefix);

  it('thousands of pushes, most duplicated, sent concurrently to different processes: each handled exactly once', async () => {
    const workers = workersOf();
    const seed = Math.floor(Math.random() * 2 ** 31);
    const random = seeded(seed);
    const UNIQUE = 1500;
    const statuses = new Map<number, number>();
    const tally = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);

    // Douyin's behaviour: a non-200 is delivered again later (here: to whichever instance).
    const send = async (msgId: string, first: Worker) => {
      let worker = first;
      for (let attempt = 0; attempt < 100; attempt++) {
        const status = await deliver(worker, msgId);
        tally(status);
        if (status === 200) return;
        if (status !== 409 && status !== 503) throw new Error(`unexpected ${status} for ${msgId}`);
        await sleep(20);
        worker = workers[Math.floor(random() * workers.length)]!;
      }
      throw new Error(`${msgId} never answered 200`);
    };

    // Each message is delivered 1–4 times: up to 3 copies at the same moment to different
    // processes, the rest later in random order.
    const tasks: (() => Promise<unknown>)[] = [];
    let requests = 0;
    for (let i = 0; i < UNIQUE; i++) {
      const msgId = `m-${i}`;
      const copies = 1 + Math.floor(random() * 4);
      requests += copies;
      const targets = shuffle([...workers], random).slice(0, Math.min(copies, 3));
      tasks.push(() => Promise.all(targets.map((w) => send(msgId, w))));
      for (let extra = targets.length; extra < copies; extra++) {
        const w = workers[Math.floor(random() * workers.length)]!;
        tasks.push(() => send(msgId, w));
      }
    }
    shuffle(tasks, random);
    const started = performance.now();
    await pool(tasks, 32);
    const seconds = (performance.now() - started) / 1000;

    const stats = await Promise.all(workers.map((w) => w.stats()));
    const totals = handledTotals(stats);
    const ours = [...totals].filter(([id]) => id.startsWith('m-'));
    console.log(
      `[multi-process] seed ${seed}: ${UNIQUE} unique pushes, ${requests} deliveries ` +
        `(${requests - UNIQUE} duplicates) over ${workers.length} processes in ${seconds.toFixed(1)} s; ` +
        `replies ${JSON.stringify(Object.fromEntries(statuses))}; handled per process ` +
        JSON.stringify(Object.fromEntries(stats.map((s) => [s.name, Object.keys(s.handled).filter((id) => id.startsWith('m-')).length]))),
    );

    expect(ours).toHaveLength(UNIQUE); // nothing lost
    expect(ours.filter(([, n]) => n !== 1)).toEqual([]); // nothing twice
    expect(requests - UNIQUE).toBeGreaterThan(UNIQUE); // a large share of duplicates
    // Every process handled a share: the duplicates really met on different instances.
    for (const s of stats) expect(Object.keys(s.handled).filter((id) => id.startsWith('m-')).length).toBeGreaterThan(UNIQUE / 10);
  });

  it('a handler failure on one instance: the retry on another instance runs, once', async () => {
    const workers = workersOf();
    const [a, b, c] = workers as [Worker, Worker, Worker];
    const ids = Array.from({ length: 20 }, (_, i) => `fail-${i}`);
    for (const id of ids) {
      expect(await deliver(a, id)).toBe(500); // a's handler throws; its claim is released
      expect(await deliver(b, id)).toBe(200); // Douyin's retry lands on b and runs
      expect(await deliver(c, id)).toBe(200); // a later duplicate: already handled
      expect(await deliver(a, id)).toBe(200); // and on a too, without running its handler again
    }
    const [sa, sb, sc] = await Promise.all([a.stats(), b.stats(), c.stats()]);
    for (const id of ids) {
      expect(sa.attempts[id]).toBe(1);
      expect(sa.handled[id]).toBeUndefined();
      expect(sb.handled[id]).toBe(1);
      expect(sc.attempts[id]).toBeUndefined();
    }
    expect(sa.errors.HANDLER_FAILED).toBe(ids.length);
  });
});
