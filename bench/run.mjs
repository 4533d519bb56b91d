// `pnpm bench` (after `pnpm build`): every benchmark of bench/README.md, tables on stdout,
// results in bench/results/<name>.json. Each part runs in its own process: the servers and
// core's loop on CPU 1, the load generator on CPU 0 (taskset, when the machine has 2 CPUs).
// `pnpm bench --quick`: HTTP and core only, shorter runs (~4 min instead of ~10).
// env: BENCH_ONLY=http,core,memory,crypto,redis,instructions · BENCH_PROCESSES · BENCH_DURATION · BENCH_ROUNDS · BENCH_WARMUP (http.mjs)
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { coreTable, stepsTable, TARGET as CORE_TARGET } from './core.mjs';
import { httpTable, LABELS, TARGET as HTTP_TARGET } from './http.mjs';
import { canPin, LOAD_CORE, pinWarning, SERVER_CORE } from './lib/proc.mjs';
import { hasValgrind, instructionsTable } from './instructions.mjs';
import { memoryTable } from './memory.mjs';
import { redisTable } from './redis.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const quick = process.argv.includes('--quick');
// redis (round trips per push, not a CPU comparison) and instructions (valgrind, ~20 min) only
// on request: BENCH_ONLY=redis, BENCH_ONLY=instructions.
const only = (process.env.BENCH_ONLY ?? (quick ? 'http,core' : 'http,core,memory,crypto')).split(',');
if (quick) {
  process.env.BENCH_PROCESSES ??= '3';
  process.env.BENCH_DURATION ??= '1.5';
  process.env.BENCH_ROUNDS ??= '2';
  process.env.BENCH_WARMUP ??= '1.5';
  process.env.BENCH_CORE_N ??= '30000';
  process.env.BENCH_CORE_ROUNDS ??= '3';
} else {
  // Five pairs of fresh server processes, three short rounds each: rounds inside one process
  // agree within a few per cent, but two processes of the same code can sit 20 % apart (the JIT
  // state each one settles into), so the pairs, not the rounds, carry the figure (bench/README.md).
  process.env.BENCH_PROCESSES ??= '5';
  process.env.BENCH_DURATION ??= '1.5';
  process.env.BENCH_ROUNDS ??= '3';
  process.env.BENCH_WARMUP ??= '2';
}
mkdirSync(here('./results'), { recursive: true });

function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    cpu: cpuinfo.match(/^model name\s*:\s*(.*)$/m)?.[1] ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: execFileSync('uname', ['-sr']).toString().trim(),
    pinned: canPin ? `servers and core loop on CPU ${SERVER_CORE}, load generator on CPU ${LOAD_CORE} (taskset)` : 'not pinned',
    date: new Date().toISOString(),
    // Other jobs on the machine move the figures: printed so a noisy run can be told apart.
    loadavg: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
  };
}

/** Runs `node [flags] bench/<script> --json` on a core; resolves with its JSON. */
function part(script, { core, flags = [] } = {}) {
  const args = [...flags, here(script), '--json'];
  const [cmd, argv] = canPin && core ? ['taskset', ['-c', core, process.execPath, ...args]] : [process.execPath, args];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop())) : reject(new Error(`${script} exited with ${code}`)),
    );
  });
}

function save(name, data) {
  writeFileSync(here(`./results/${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
}

const info = machine();
console.log(
  `douyin-push benchmarks: ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, node ${info.node}, ${info.os}; ${info.pinned}; load average ${info.loadavg}\n`,
);
if (pinWarning) console.warn(`${pinWarning}\n`);
save('machine', info);
const verdicts = [];
const verdict = (what, value, target, ok) => verdicts.push({ benchmark: what, result: value, target, met: ok ? 'yes' : 'NO' });

if (only.includes('http')) {
  console.log('HTTP: server CPU per push (process.cpuUsage() inside the server), adapter vs a hand-written receiver on the same framework');
  const http = await part('./http.mjs', { core: LOAD_CORE });
  save('http', { machine: info, ...http });
  console.table(httpTable(http));
  console.log(
    `(${http.pushBytes}-byte certificate push, new Msg-Id per request; dedupe stores prefilled to 100 000; ${http.connections} connections; ${http.processes} pairs of fresh server processes, each: ${http.warmup} s warm-up, then ${http.rounds} interleaved rounds × ${http.duration} s per server; medians over the pairs of each pair's median; "pairs" = adapter/hand of each pair)\n`,
  );
  for (const r of http.rows)
    verdict(
      `${LABELS[r.framework]}: server CPU per push, adapter / hand-written`,
      `${r.ratio.toFixed(2)}x`,
      `≤ ${HTTP_TARGET}x`,
      r.ratio <= HTTP_TARGET,
    );
}
if (only.includes('core')) {
  console.log('Core alone, one process: receiver.handle() with the bytes in memory vs the same steps by hand (CPU per push)');
  const core = await part('./core.mjs', { core: SERVER_CORE });
  save('core', { machine: info, ...core });
  console.table(coreTable(core));
  console.log(
    `core / hand-written: ${core.ratio.toFixed(2)}x (rounds ${core.ratioRange.map((x) => x.toFixed(2)).join('–')}; ${core.rounds} interleaved rounds × ${core.n} pushes; medians)`,
  );
  console.table(stepsTable(core));
  console.log('');
  verdict('core alone / hand-written steps', `${core.ratio.toFixed(2)}x`, `≤ ${CORE_TARGET}x`, core.ratio <= CORE_TARGET);
}
if (only.includes('memory')) {
  console.log('Memory store');
  const memory = await part('./memory.mjs', { core: SERVER_CORE, flags: ['--expose-gc'] });
  save('memory', { machine: info, ...memory });
  console.table(memoryTable(memory));
  console.log('');
  verdict(
    'memory store: bytes per Msg-Id at 1M',
    `${memory.bytesPerCompletedId.toFixed(0)} B`,
    '≤ 300 B',
    memory.bytesPerCompletedId <= 300,
  );
  verdict(
    'memory store: size stays within max',
    `${memory.bounded.largestSize} / ${memory.bounded.max}`,
    '≤ max',
    memory.bounded.largestSize <= memory.bounded.max,
  );
}
if (only.includes('crypto')) {
  // Its own table: the web-standard crypto module on node:crypto and on @noble/hashes, against
  // the static node:crypto import core used before (issue 12: "at least as fast on Node").
  console.log('Signatures: node:crypto vs the pure fallback (ns per operation, 415-byte body)');
  execFileSync(
    ...(canPin ? ['taskset', ['-c', SERVER_CORE, process.execPath, here('./crypto.mjs')]] : [process.execPath, [here('./crypto.mjs')]]),
    {
      stdio: 'inherit',
    },
  );
  console.log('');
}
if (only.includes('instructions') && !hasValgrind)
  console.log('Instructions per push: skipped, valgrind is not installed (apt-get install valgrind)\n');
else if (only.includes('instructions')) {
  // Instructions per push under valgrind (~20 min for every framework): the repeatable check
  // behind the CPU figures above, which a shared VM moves by up to 30 % between rounds.
  console.log('Instructions per push (valgrind callgrind), adapter vs hand-written; not CPU time, but repeatable');
  // Not pinned: the count does not depend on where it runs, and two CPUs halve the wait.
  const ir = await part('./instructions.mjs');
  save('instructions', { machine: info, ...ir });
  console.table(instructionsTable(ir));
  console.log(
    `(${ir.pushes} pushes per window after ${ir.warmup} uninstrumented; core alone 20 000 per window; medians of ${ir.rounds} windows)\n`,
  );
}
if (only.includes('redis')) {
  console.log('Redis store: round trips per push (MONITOR, script-internal commands excluded)');
  const redis = await part('./redis.mjs', { core: SERVER_CORE });
  save('redis', { machine: info, ...redis });
  console.table(redisTable(redis));
  console.log(`(redis ${redis.redis}${redis.ownServer ? ', own redis-server on the same machine' : ', REDIS_URL'})\n`);
}
console.log('Targets');
console.table(verdicts);
