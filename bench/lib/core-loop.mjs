// The core-alone loop of bench/instructions.mjs, run under callgrind (bench/lib/core-subjects.mjs
// sets up `core` or `hand`). It counts its own windows: after the warm-up it turns callgrind's
// instrumentation on around each window and dumps the count (bench/lib/callgrind.mjs, on its
// own pid), so the parent only reads the dumps.
// `valgrind --tool=callgrind --instr-atstart=no node bench/lib/core-loop.mjs core|hand`
// env: BENCH_IR_PUSHES (per window), BENCH_IR_WARMUP, BENCH_IR_ROUNDS, DOUYIN_CORE_DIST
import { countWindow } from './callgrind.mjs';
import { coreSubject } from './core-subjects.mjs';

const run = await coreSubject(process.argv[2] ?? 'core');
const pushes = Number(process.env.BENCH_IR_PUSHES ?? 20_000);
const rounds = Number(process.env.BENCH_IR_ROUNDS ?? 3);
await run(Number(process.env.BENCH_IR_WARMUP ?? 60_000));
// One window more than asked: the parent drops the first (see instructions.mjs).
for (let round = -1; round < rounds; round++) await countWindow(process.pid, () => run(pushes));
