import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, inject, it } from 'vitest';
import { uniquePrefix } from '../../packages/redis/test/support/clients';
import { deliver, handledTotals, pool, seeded, shuffle, useThreeWorkers, type Worker } from '../redis/harness';

// 20 000 pushes (LOAD_PUSHES) and 30 % more deliveries as duplicates (some at the same moment to
// different processes, some later), 10 % of pushes failing on process a, every non-200 retried
// on a random process like Douyin would: 3 processes sharing Redis must handle each push once.
// Counted on the handlers' side (each process's GET /stats).
const redisUrl = inject('redisUrl');
const UNIQUE = Number(process.env.LOAD_PUSHES ?? 20_000);
const DUPLICATES = Math.round(UNIQUE * 0.3);
const CONCURRENCY = 64;

describe('load: 3 processes, one Redis, duplicates, retries and handler failures', () => {
  const prefix = uniquePrefix('stress-load');
  const workersOf = useThreeWorkers(redisUrl, prefix);

  it(`${UNIQUE} unique pushes + ${DUPLICATES} duplicate deliveries: each handled exactly once, none lost`, async () => {
    const workers = workersOf();
    const seed = Number(process.env.LOAD_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const random = seeded(seed);
    const statuses = new Map<number, number>();
    let retries = 0;
    const tally = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const pick = () => workers[Math.floor(random() * workers.length)]!;

    const send = async (msgId: string, first: Worker) => {
      let worker = first;
      for (let attempt = 0; attempt < 200; attempt++) {
        const status = await deliver(worker, msgId);
        tally(status);
        if (status === 200) return;
        if (![409, 500, 503].includes(status)) throw new Error(`unexpected ${status} for ${msgId}`);
        retries++;
        await sleep(5 + Math.floor(random() * 20));
        worker = pick();
      }
      throw new Error(`${msgId} never answered 200`);
    };

    const ids = Array.from({ length: UNIQUE }, (_, i) => (random() < 0.1 ? `fail-L-${i}` : `L-${i}`));
    const tasks: (() => Promise<unknown>)[] = ids.map((id) => () => send(id, pick()));
    for (let d = 0; d < DUPLICATES; d++) {
      const id = ids[Math.floor(random() * UNIQUE)]!;
      if (d % 2 === 0) {
        // The same push at the same moment to two different processes.
        const [x, y] = shuffle([...workers], random);
        tasks.push(() => Promise.all([send(id, x!), send(id, y!)]));
      } else {
        tasks.push(() => send(id, pick()));
      }
    }
    shuffle(tasks, random);
    const deliveries = UNIQUE + DUPLICATES + Math.ceil(DUPLICATES / 2);
    const started = performance.now();
    await pool(tasks, CONCURRENCY);
    const seconds = (performance.now() - started) / 1000;

    const stats = await Promise.all(workers.map((w) => w.stats()));
    const totals = handledTotals(stats);
    const ours = [...totals].filter(([id]) => id.startsWith('L-') || id.startsWith('fail-L-'));
    const twice = ours.filter(([, n]) => n !== 1);
    const lost = ids.filter((id) => !totals.has(id));
    const attempts = stats.reduce((n, s) => n + Object.values(s.attempts).reduce((a, b) => a + b, 0), 0);
    const unrecorded = stats.flatMap((s) => s.unrecorded);
    console.log(
      `[stress load] seed ${seed}: ${UNIQUE} unique pushes (${ids.filter((i) => i.startsWith('fail-')).length} failing on process a), ` +
        `${deliveries} deliveries incl. ${deliveries - UNIQUE} duplicates, ${retries} retries, over 3 processes in ${seconds.toFixed(1)} s ` +
        `(${Math.round((deliveries + retries) / seconds)} requests/s); replies ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; ` +
        `handler runs ${attempts} (failed on purpose ${attempts - ours.length}); handled per process ` +
        JSON.stringify(Object.fromEntries(stats.map((s) => [s.name, Object.keys(s.handled).length]))) +
        `; handled exactly once: ${ours.length - twice.length}/${UNIQUE}; twice: ${twice.length}; lost: ${lost.length}; completion not recorded: ${unrecorded.length}`,
    );
    expect(lost).toEqual([]);
    expect(twice).toEqual([]);
    expect(ours).toHaveLength(UNIQUE);
  });
});
