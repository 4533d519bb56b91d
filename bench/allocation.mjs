// Bytes allocated per push on the JavaScript heap, core alone against the hand-written receiver
// (the subjects of bench/core.mjs). Allocation sets how often the young generation is collected,
// and every fresh line it writes is a cache miss (bench/README.md), so it is one of the costs
// a tight loop hides. Measured as the growth of `heapUsed` over 20 000 pushes in a young
// generation large enough (512 MB) that no collection runs in between (a run in which one does
// is refused: it would read low); each subject in a process of its own.
// `node bench/allocation.mjs [core hand core-nodedupe]` (after `pnpm build`)
// `node bench/allocation.mjs --http [frameworks...]`: the same inside the benchmark servers of
// bench/http.mjs (adapter, hand-written, and `bare`, a route that only reads the body), so the
// framework's and the adapter's glue are counted too: 10 000 pushes over HTTP after the warm-up.
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

const HTTP_PUSHES = 10_000;

/**
 * Bytes per push inside one benchmark server (`variant` of `framework`), no collection allowed.
 * `bench` holds http.mjs's `load` and proc.mjs's `startServer`, imported once by the --http branch
 * (not at the top: http.mjs reads the BENCH_* env on import, which the core-only mode has no use for).
 */
async function measureServer({ load, startServer }, framework, variant) {
  const server = await startServer(framework, variant, { nodeFlags: FLAGS });
  try {
    await fetch(`${server.origin}/__prefill`);
    await load(server.origin, 2); // compiled code, sockets, the store's steady state
    await fetch(`${server.origin}/__stats?gc`); // collect, so the young generation starts empty
    await server.stats(true);
    const before = await server.stats();
    await load(server.origin, 0, { amount: HTTP_PUSHES });
    const after = await server.stats();
    if (after.gcMs > 0) throw new Error(`${framework}/${variant}: the heap was collected while counting, so the figure would read low`);
    // Both readings come from GET /__stats, so its own allocation cancels out.
    return (after.memory.heapUsed - before.memory.heapUsed) / after.pushes;
  } finally {
    await server.stop();
  }
}

if (process.argv.includes('--http')) {
  const [{ FRAMEWORKS, LABELS, load }, { startServer }] = await Promise.all([import('./http.mjs'), import('./lib/proc.mjs')]);
  const names = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const rows = [];
  for (const framework of names.length ? names : FRAMEWORKS) {
    const bytes = {};
    for (const variant of ['adapter', 'hand', 'bare'])
      bytes[variant] = Math.round(await measureServer({ load, startServer }, framework, variant));
    rows.push({
      framework: LABELS[framework],
      'adapter B/push': bytes.adapter,
      'hand B/push': bytes.hand,
      'bare B/push': bytes.bare,
      // Above `bare`: what each receiver adds to reading the body on that framework.
      'adapter / hand, above bare': ((bytes.adapter - bytes.bare) / (bytes.hand - bytes.bare)).toFixed(2),
    });
  }
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(rows)}\n`);
  else console.table(rows);
} else if (process.argv[2] === '--child') {
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
