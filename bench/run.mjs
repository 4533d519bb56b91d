// `pnpm bench` (after `pnpm build`): every benchmark of bench/README.md, tables on stdout,
// results in bench/results/<name>.json. Each part runs in its own process: the servers and
// core's loop on core 0, the load generator on core 1 (taskset, when the machine has 2 cores).
// env: BENCH_ONLY=http,core,memory,redis · BENCH_DURATION · BENCH_ROUNDS (see http.mjs)
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { coreTable } from './core.mjs';
import { httpTable } from './http.mjs';
import { canPin, LOAD_CORE, SERVER_CORE } from './lib/proc.mjs';
import { memoryTable } from './memory.mjs';
import { redisTable } from './redis.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const only = (process.env.BENCH_ONLY ?? 'http,core,memory,redis').split(',');
mkdirSync(here('./results'), { recursive: true });

function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    cpu: cpuinfo.match(/^model name\s*:\s*(.*)$/m)?.[1] ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: execFileSync('uname', ['-sr']).toString().trim(),
    pinned: canPin ? `servers and core loop on CPU ${SERVER_CORE}, load generator on CPU ${LOAD_CORE} (taskset)` : 'not pinned',
    date: new Date().toISOString(),
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
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop())) : reject(new Error(`${script} exited with ${code}`))));
  });
}

function save(name, data) {
  writeFileSync(here(`./results/${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
}

const info = machine();
console.log(`douyin-push benchmarks: ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, node ${info.node}, ${info.os}; ${info.pinned}\n`);
save('machine', info);
const verdicts = [];
const verdict = (what, value, target, ok) => verdicts.push({ benchmark: what, result: value, target, met: ok ? 'yes' : 'NO' });

if (only.includes('http')) {
  console.log('HTTP: throughput and server CPU per push, median of interleaved rounds (a new signed 1 KB push per request)');
  const http = await part('./http.mjs', { core: LOAD_CORE });
  save('http', { machine: info, ...http });
  console.table(httpTable(http));
  console.log(`(${http.rounds} rounds × ${http.duration} s per variant, ${http.connections} connections)\n`);
  for (const r of http.rows) verdict(`${r.framework}: CPU per push, adapter / hand-written`, `${r.cpuVsHand.toFixed(2)}x`, '≤ 1.15x', r.cpuVsHand <= 1.15);
}
if (only.includes('core')) {
  console.log('Core alone, one process: verify + parse + validate + dispatch of a 1 KB push (tinybench)');
  const core = await part('./core.mjs', { core: SERVER_CORE });
  save('core', { machine: info, ...core });
  console.table(coreTable(core));
  console.log(`core / hand-written: ${core.ratio.toFixed(2)}x (mean time per push)\n`);
  verdict('core alone / hand-written steps', `${core.ratio.toFixed(2)}x`, '≤ 1.5x', core.ratio <= 1.5);
}
if (only.includes('memory')) {
  console.log('Memory store');
  const memory = await part('./memory.mjs', { core: SERVER_CORE, flags: ['--expose-gc'] });
  save('memory', { machine: info, ...memory });
  console.table(memoryTable(memory));
  console.log('');
  verdict('memory store: bytes per Msg-Id at 1M', `${memory.bytesPerCompletedId.toFixed(0)} B`, '≤ 300 B', memory.bytesPerCompletedId <= 300);
  verdict('memory store: size stays within max', `${memory.bounded.largestSize} / ${memory.bounded.max}`, '≤ max', memory.bounded.largestSize <= memory.bounded.max);
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
