// Instructions per push, adapter vs hand-written, counted by valgrind's callgrind: the same
// comparison as http.mjs, but in a unit a shared VM cannot blur. CPU time on this kind of
// machine moved 30 % between identical rounds (bench/README.md); an instruction count of the same
// code and inputs repeats to within a few per cent, so it can tell a 5 % change from noise.
// It is not CPU time (a cache miss and an add count alike), so http.mjs stays the figure of
// record; this is the instrument for finding and checking what costs.
//
// Each server runs under `valgrind --tool=callgrind --instr-atstart=no`: prefill and warm-up run
// uninstrumented (about 5x slower than native instead of 50x), then `callgrind_control -i on`
// starts counting, N pushes go through, and `callgrind_control -d` dumps the count (per window). Every thread
// of the process is counted (V8's compiler and GC helpers too), as process.cpuUsage() does.
//
// Core alone (`core`) runs bench/lib/core-loop.mjs the same way, 20 000 pushes per window.
//
// `node bench/instructions.mjs [frameworks... core]` (after `pnpm build`; needs valgrind)
// env: BENCH_IR_PUSHES (measured pushes, default 4000), BENCH_IR_WARMUP (default 30000),
//      BENCH_IR_ROUNDS (measured windows per server, default 3: the median of three outlasts one window with a major GC in it), BENCH_IR_KEEP=1 (keep the dumps),
//      BENCH_IR_CACHE=1 (simulate this CPU's caches: misses per push and a cycle estimate),
//      BENCH_IR_ATTRIBUTE=1 (the same, and the last window split by part of the process)
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { TARGET as CORE_TARGET } from './core.mjs';
import { FRAMEWORKS, LABELS, load, TARGET } from './http.mjs';
import { attribute, noEvents, removePerfMap } from './lib/attribute.mjs';
import {
  callgrindArgs,
  countWindow,
  cycleEstimate,
  dumpEvents,
  dumpFiles,
  missesOf,
  simulatesCaches,
  withDumpDir,
} from './lib/callgrind.mjs';
import { median } from './lib/proc.mjs';

const pushes = Number(process.env.BENCH_IR_PUSHES ?? 4000);
const warmup = Number(process.env.BENCH_IR_WARMUP ?? 30000);
const rounds = Number(process.env.BENCH_IR_ROUNDS ?? 3);
export const hasValgrind = spawnSync('valgrind', ['--version']).status === 0;

/** `amount` signed pushes through http.mjs's load generator; every one must be answered 2xx. */
async function send(origin, amount) {
  // Under valgrind a reply can take seconds: autocannon's 10 s default would count it an error.
  const result = await load(origin, undefined, { amount, timeout: 60 });
  if (result['2xx'] !== amount) throw new Error(`${origin}: ${result['2xx']} of ${amount} answered 2xx`);
}

async function startUnderValgrind(framework, variant, dir) {
  const script = fileURLToPath(new URL('./servers/app.mjs', import.meta.url));
  const child = spawn('valgrind', [...callgrindArgs(dir), process.execPath, ...nodeFlags, script, framework, variant], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const port = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line).ready));
    child.once('exit', (code) => reject(new Error(`${framework}/${variant} exited with ${code}`)));
  });
  return { child, origin: `http://127.0.0.1:${port}` };
}

// BENCH_IR_ATTRIBUTE=1: V8 writes a map of its compiled functions, so the last window can be
// split by what ran (bench/lib/attribute.mjs). The map is not free: it changed fastify's and
// core's counts by 10-45 % (bench/README.md), so compare the totals with a run without it before
// trusting a split.
const attributes = Boolean(process.env.BENCH_IR_ATTRIBUTE);
const nodeFlags = attributes ? ['--perf-basic-prof-only-functions'] : [];

/**
 * Each kept window's events per push (the first window is dropped), and with BENCH_IR_ATTRIBUTE
 * the last window split by category.
 */
function collect(dir, pid, n) {
  const windows = dumpEvents(dir, pid)
    .slice(1)
    .map((w) => Object.fromEntries(Object.entries(w).map(([k, v]) => [k, v / n])));
  const parts = attributes ? attribute(dumpFiles(dir, pid).at(-1), pid, n) : undefined;
  if (attributes) removePerfMap(pid);
  return { windows, parts };
}

/** One server under callgrind: instructions per push of each kept window. */
function count(framework, variant) {
  return withDumpDir(async (dir) => {
    const { child, origin } = await startUnderValgrind(framework, variant, dir);
    try {
      await fetch(`${origin}/__prefill`);
      await send(origin, warmup);
      // The first instrumented window counts 20-30 % more than the next ones (V8 adjusting to
      // the 50x slower process): it is run and dropped.
      for (let round = -1; round < rounds; round++) await countWindow(child.pid, () => send(origin, pushes));
      return collect(dir, child.pid, pushes);
    } finally {
      child.kill('SIGKILL');
    }
  });
}

/** Core alone (bench/lib/core-loop.mjs counts its own windows): instructions per push of each kept window. */
function countCore(variant) {
  return withDumpDir(async (dir) => {
    const script = fileURLToPath(new URL('./lib/core-loop.mjs', import.meta.url));
    const corePushes = Number(process.env.BENCH_IR_CORE_PUSHES ?? 20000);
    const env = { ...process.env, BENCH_IR_PUSHES: String(corePushes), BENCH_IR_ROUNDS: String(rounds), BENCH_IR_WARMUP: '60000' };
    const child = spawn('valgrind', [...callgrindArgs(dir), process.execPath, ...nodeFlags, script, variant], { stdio: 'ignore', env });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`core-loop ${variant} exited with ${code}`);
    return collect(dir, child.pid, corePushes);
  });
}

export const IR_FRAMEWORKS = [...FRAMEWORKS, 'core'];

export async function benchInstructions(frameworks = IR_FRAMEWORKS) {
  const rows = [];
  for (const framework of frameworks) {
    process.stderr.write(`  instructions: ${framework}...\n`);
    const [adapter, hand] =
      framework === 'core'
        ? [await countCore('core'), await countCore('hand')]
        : [await count(framework, process.env.BENCH_IR_ADAPTER ?? 'adapter'), await count(framework, 'hand')];
    const ir = ({ windows }) => windows.map((w) => w.Ir);
    const row = { framework, adapter: ir(adapter), hand: ir(hand), ratio: median(ir(adapter)) / median(ir(hand)) };
    if (simulatesCaches) {
      row.cache = { adapter: medianEvents(adapter.windows), hand: medianEvents(hand.windows) };
      if (attributes) row.parts = { adapter: adapter.parts, hand: hand.parts };
    }
    rows.push(row);
  }
  return { pushes, warmup, rounds, rows };
}

const targetOf = (row) => (row.framework === 'core' ? CORE_TARGET : TARGET);

const medianEvents = (windows) => Object.fromEntries(Object.keys(windows[0]).map((k) => [k, median(windows.map((w) => w[k]))]));

/** The three miss columns, adapter / hand, for one pair of windows (or parts). */
function missColumns(a, h, f, suffix = '') {
  const [x, y] = [missesOf(a), missesOf(h)];
  return {
    [`L1i miss${suffix} a / h`]: `${f(x.l1i)} / ${f(y.l1i)}`,
    [`L1d miss${suffix} a / h`]: `${f(x.l1d)} / ${f(y.l1d)}`,
    [`L2 miss${suffix} a / h`]: `${f(x.l2)} / ${f(y.l2)}`,
  };
}

export function cacheTable(result) {
  const f = (n) => n.toFixed(n < 10 ? 2 : 0);
  return result.rows
    .filter((r) => r.cache)
    .map(({ framework, cache: { adapter: a, hand: h } }) => ({
      framework: framework === 'core' ? 'core alone (handle())' : (LABELS[framework] ?? framework),
      ...missColumns(a, h, f, '/push'),
      'instr a/h': `${(a.Ir / h.Ir).toFixed(2)}x`,
      'cycle estimate a/h': `${(cycleEstimate(a) / cycleEstimate(h)).toFixed(2)}x`,
    }));
}

/**
 * Where the adapter's estimated cycles beyond the hand-written receiver's go, by category (the
 * last window of each), largest first.
 */
export function partsTable(row) {
  const zero = noEvents();
  const names = [...new Set([...Object.keys(row.parts.adapter), ...Object.keys(row.parts.hand)])];
  const f = (n) => n.toFixed(0);
  return names
    .map((name) => {
      const a = row.parts.adapter[name] ?? zero;
      const h = row.parts.hand[name] ?? zero;
      return { name, a, h, extra: cycleEstimate(a) - cycleEstimate(h) };
    })
    .sort((x, y) => y.extra - x.extra)
    .map(({ name, a, h, extra }) => ({
      [`${LABELS[row.framework] ?? row.framework}: part`]: name,
      'instr/push a / h': `${f(a.Ir)} / ${f(h.Ir)}`,
      ...missColumns(a, h, f),
      'cycle estimate a − h': `${extra >= 0 ? '+' : ''}${f(extra)}`,
    }));
}

export function instructionsTable(result) {
  const k = (n) => `${(n / 1000).toFixed(1)}k`;
  return result.rows.map((r) => ({
    framework: r.framework === 'core' ? 'core alone (handle())' : (LABELS[r.framework] ?? r.framework),
    'adapter instr/push': k(median(r.adapter)),
    'hand instr/push': k(median(r.hand)),
    'adapter/hand': `${r.ratio.toFixed(2)}x`,
    windows: `${r.adapter.map(k).join(', ')} / ${r.hand.map(k).join(', ')}`,
    target: `≤ ${targetOf(r)}x ${r.ratio <= targetOf(r) ? 'met' : 'MISSED'}`,
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!hasValgrind) {
    console.error('valgrind is not installed (apt-get install valgrind)');
    process.exit(1);
  }
  const names = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const result = await benchInstructions(names.length ? names : undefined);
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    console.table(instructionsTable(result));
    if (result.rows.some((r) => r.cache)) {
      console.table(cacheTable(result));
      for (const row of result.rows.filter((r) => r.parts)) console.table(partsTable(row));
    }
  }
}
