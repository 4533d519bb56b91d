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
//      BENCH_IR_ROUNDS (measured windows per server, default 3: the median of three outlasts one window with a major GC in it), BENCH_IR_KEEP=1 (keep the dumps)
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { TARGET as CORE_TARGET } from './core.mjs';
import { FRAMEWORKS, LABELS, load, TARGET } from './http.mjs';
import { callgrindArgs, countWindow, dumps, withDumpDir } from './lib/callgrind.mjs';
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
  const child = spawn('valgrind', [...callgrindArgs(dir), process.execPath, script, framework, variant], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const port = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line).ready));
    child.once('exit', (code) => reject(new Error(`${framework}/${variant} exited with ${code}`)));
  });
  return { child, origin: `http://127.0.0.1:${port}` };
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
      return dumps(dir, child.pid)
        .slice(1)
        .map((n) => n / pushes);
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
    const child = spawn('valgrind', [...callgrindArgs(dir), process.execPath, script, variant], { stdio: 'ignore', env });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`core-loop ${variant} exited with ${code}`);
    return dumps(dir, child.pid)
      .slice(1)
      .map((n) => n / corePushes);
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
        : [await count(framework, 'adapter'), await count(framework, 'hand')];
    rows.push({ framework, adapter, hand, ratio: median(adapter) / median(hand) });
  }
  return { pushes, warmup, rounds, rows };
}

const targetOf = (row) => (row.framework === 'core' ? CORE_TARGET : TARGET);

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
  else console.table(instructionsTable(result));
}
