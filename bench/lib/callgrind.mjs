// Counting instructions with valgrind's callgrind, shared by bench/instructions.mjs (servers) and
// bench/lib/core-loop.mjs (core alone, which counts its own windows).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * BENCH_IR_CACHE=1 (or BENCH_IR_ATTRIBUTE=1, whose split needs the misses): simulate this
 * machine's caches (the AMD EPYC VM of bench/README.md: L1i 32 KB 8-way, L1d 48 KB 12-way, and
 * its 1 MB 8-way L2 as the last level, since L3 is shared with the VM's neighbours), so a window
 * also counts the misses a cold path pays.
 */
export const simulatesCaches = Boolean(process.env.BENCH_IR_CACHE || process.env.BENCH_IR_ATTRIBUTE);
const CACHE_ARGS = ['--cache-sim=yes', '--I1=32768,8,64', '--D1=49152,12,64', '--LL=1048576,8,64'];

/** `valgrind` arguments that start uncounted and write `cg.<pid>.<n>` dumps into `dir`. */
export const callgrindArgs = (dir) => [
  '--tool=callgrind',
  '--instr-atstart=no',
  `--callgrind-out-file=${dir}/cg.%p`,
  ...(simulatesCaches ? CACHE_ARGS : []),
];

/** Counts `work()` in process `pid` (running under callgrind): zero, count, dump, stop counting. */
export async function countWindow(pid, work) {
  const control = (...args) => execFileSync('callgrind_control', [...args, String(pid)], { stdio: 'ignore' });
  control('-z');
  control('-i', 'on');
  await work();
  control('-d');
  control('-i', 'off');
}

/** The dump files of `pid` in `dir`, in dump order. */
export function dumpFiles(dir, pid) {
  const files = readdirSync(dir).filter((f) => f.startsWith(`cg.${pid}.`));
  files.sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()));
  return files.map((f) => join(dir, f));
}

/**
 * The misses of one window (or one part of it), summed per cache level: instruction and data
 * misses of L1 apart, both kinds together at the last level.
 */
export const missesOf = (e) => ({ l1i: e.I1mr, l1d: e.D1mr + e.D1mw, l2: e.ILmr + e.DLmr + e.DLmw });

/**
 * KCachegrind's cycle estimate without branch simulation: an L1 miss costs 10 instructions' time,
 * a last-level miss 100. A rough weight, not this CPU's latencies: it tells whether the misses,
 * not the instructions, make the gap.
 */
export function cycleEstimate(e) {
  const { l1i, l1d, l2 } = missesOf(e);
  return e.Ir + 10 * (l1i + l1d) + 100 * l2;
}

/** Every event of each dump of `pid` (`Ir`, and with BENCH_IR_CACHE the miss counts), in dump order. */
export function dumpEvents(dir, pid) {
  return dumpFiles(dir, pid).map((file) => {
    const text = readFileSync(file, 'utf8');
    const names = text
      .match(/^events:\s*(.+)$/m)[1]
      .trim()
      .split(/\s+/);
    const values = text
      .match(/^summary:\s*(.+)$/m)[1]
      .trim()
      .split(/\s+/)
      .map(Number);
    return Object.fromEntries(names.map((n, i) => [n, values[i] ?? 0]));
  });
}

/**
 * Runs `fn(dir)` with a fresh folder for dumps, then removes it. BENCH_IR_KEEP=1 keeps it for
 * callgrind_annotate (native and V8 builtin functions by name; JIT-compiled JavaScript shows as '???').
 */
export async function withDumpDir(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'douyin-ir-'));
  try {
    return await fn(dir);
  } finally {
    if (process.env.BENCH_IR_KEEP) process.stderr.write(`  kept ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
