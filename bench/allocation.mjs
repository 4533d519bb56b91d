// Bytes allocated per push on the JavaScript heap, core alone against the hand-written receiver
// (the subjects of bench/core.mjs). Allocation sets how often the young generation is collected,
// and every fresh line it writes is a cache miss (bench/README.md), so it is one of the costs
// a tight loop hides. Measured as the growth of `heapUsed` over 20 000 pushes in a young
// generation large enough (512 MB) that no collection runs in between (a run in which one does
// is refused: it would read low); each subject in a process of its own.
// `node bench/allocation.mjs [core hand core-nodedupe]` (after `pnpm build`)
import { spawnSync } from 'node:child_process';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { coreSubject, SUBJECTS } from './lib/core-subjects.mjs';

const PUSHES = 20_000;
const FLAGS = ['--expose-gc', '--min-semi-space-size=512', '--max-semi-space-size=512'];

// GC entries arrive after the collection, on a later turn of the event loop.
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

async function measure(variant) {
  let collections = 0;
  new PerformanceObserver((list) => (collections += list.getEntries().length)).observe({ entryTypes: ['gc'] });
  const run = await coreSubject(variant);
  await run(PUSHES); // warm: compiled code and the store's steady state
  globalThis.gc();
  await settle();
  const seen = collections;
  const before = process.memoryUsage().heapUsed;
  await run(PUSHES);
  const allocated = process.memoryUsage().heapUsed - before;
  await settle();
  if (collections !== seen) throw new Error(`${variant}: the heap was collected while counting, so the figure would read low`);
  return allocated / PUSHES;
}

if (process.argv[2] === '--child') {
  process.stdout.write(`${JSON.stringify(await measure(process.argv[3]))}\n`);
} else {
  const names = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const rows = [];
  for (const variant of names.length ? names : SUBJECTS) {
    const child = spawnSync(process.execPath, [...FLAGS, fileURLToPath(import.meta.url), '--child', variant], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`${variant}: ${child.stderr}`);
    rows.push({ subject: variant, 'bytes allocated/push': Math.round(Number(child.stdout)) });
  }
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(rows)}\n`);
  else console.table(rows);
}
