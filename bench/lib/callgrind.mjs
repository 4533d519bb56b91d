// Counting instructions with valgrind's callgrind, shared by bench/instructions.mjs (servers) and
// bench/lib/core-loop.mjs (core alone, which counts its own windows).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `valgrind` arguments that start uncounted and write `cg.<pid>.<n>` dumps into `dir`. */
export const callgrindArgs = (dir) => ['--tool=callgrind', '--instr-atstart=no', `--callgrind-out-file=${dir}/cg.%p`];

/** Counts `work()` in process `pid` (running under callgrind): zero, count, dump, stop counting. */
export async function countWindow(pid, work) {
  const control = (...args) => execFileSync('callgrind_control', [...args, String(pid)], { stdio: 'ignore' });
  control('-z');
  control('-i', 'on');
  await work();
  control('-d');
  control('-i', 'off');
}

/** The `summary:` (instructions counted) of each dump file of `pid`, in dump order. */
export function dumps(dir, pid) {
  const files = readdirSync(dir).filter((f) => f.startsWith(`cg.${pid}.`));
  files.sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()));
  return files.map((f) => Number(readFileSync(join(dir, f), 'utf8').match(/^summary:\s*(\d+)/m)[1]));
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
