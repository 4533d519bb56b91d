// Splits one callgrind window of a server (or of the core loop) by what ran: the library's
// JavaScript, zod, Node's JavaScript, V8's builtins, OpenSSL, ... (bench/instructions.mjs with
// BENCH_IR_ATTRIBUTE=1). JIT-compiled JavaScript has no symbols for callgrind, so its addresses are
// looked up in the map V8 writes with `--perf-basic-prof-only-functions` (/tmp/perf-<pid>.map:
// start, size and name of each compiled function).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const EVENTS = ['Ir', 'Dr', 'Dw', 'I1mr', 'D1mr', 'D1mw', 'ILmr', 'DLmr', 'DLmw'];
const COLUMN = String.raw`(?:\.|[\d,]+(?: \(\s*[\d.]+%\))?)`;
const ROW = new RegExp(String.raw`^((?:\s+${COLUMN}){${EVENTS.length}})\s+(\S.*)$`);

/** Every event of a cache-simulated dump at zero: a part that did not run. */
export const noEvents = () => Object.fromEntries(EVENTS.map((e) => [e, 0]));

/** The V8 function map of process `pid`: sorted [start, end, name] triples. */
function readPerfMap(pid) {
  const file = `/tmp/perf-${pid}.map`;
  if (!existsSync(file)) return [];
  const entries = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [start, size, ...name] = line.split(' ');
      const from = Number.parseInt(start, 16);
      return [from, from + Number.parseInt(size, 16), name.join(' ')];
    });
  return entries.sort((a, b) => a[0] - b[0]);
}

function lookup(map, address) {
  let lo = 0;
  let hi = map.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (map[mid][0] <= address) lo = mid + 1;
    else hi = mid - 1;
  }
  const entry = map[hi];
  return entry && address < entry[1] ? entry[2] : undefined;
}

/** Which part of the process a function belongs to (its name as callgrind or V8's map gives it). */
export function categoryOf(name) {
  if (name.startsWith('JS:')) {
    if (name.includes('/packages/') && name.includes('/dist/')) return 'douyin-push JS';
    // zod compiles each object schema's checks into a function of its own (`new Function`): no file.
    if (name.includes('/zod/') || /^JS:\S* :\d+:\d+$/.test(name)) return 'zod JS';
    if (name.includes('/bench/')) return 'bench and hand-written JS';
    if (name.includes('node:')) return 'Node.js JS';
    return 'frameworks JS';
  }
  if (/sha1_|sha256_|EVP_|evp_|ossl_|OPENSSL_|CRYPTO_|ERR_/.test(name)) return 'OpenSSL';
  if (name.includes('Builtins_')) return 'V8 builtins';
  if (name.includes('Json')) return 'V8 JSON.parse';
  if (name.includes('v8::')) return 'V8 runtime and GC';
  if (/node::|uv_|llhttp|simdutf/.test(name)) return 'Node.js and libuv native';
  if (/malloc|free|memmove|memcpy|memset|memcmp|strlen|libc/.test(name)) return 'libc';
  if (name.startsWith('???:0x')) return 'JIT code without a name';
  return 'other native';
}

/**
 * Events per push of one callgrind dump, by category: `{ [category]: { Ir, I1mr, ... } }`.
 * Reads `callgrind_annotate` (valgrind's own reader of its format) and V8's map of process `pid`.
 */
export function attribute(dumpFile, pid, pushes) {
  const map = readPerfMap(pid);
  const text = execFileSync('callgrind_annotate', ['--threshold=100', '--inclusive=no', dumpFile], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const parts = {};
  for (const line of text.split('\n')) {
    const row = ROW.exec(` ${line}`);
    if (!row || line.includes('PROGRAM TOTALS')) continue;
    const values = row[1].match(new RegExp(COLUMN, 'g')).map((c) => (c === '.' ? 0 : Number(c.split(' ')[0].replaceAll(',', ''))));
    let name = row[2].replace(/ \[[^\]]*\]$/, '');
    const address = /^\?\?\?:0x([0-9a-f]+)$/.exec(name);
    if (address) name = lookup(map, Number.parseInt(address[1], 16)) ?? name;
    const part = (parts[categoryOf(name)] ??= noEvents());
    EVENTS.forEach((e, i) => (part[e] += values[i] / pushes));
  }
  return parts;
}

/**
 * Removes the map V8 wrote for `pid` (one per server: /tmp would fill up over many runs), unless
 * BENCH_IR_KEEP=1 keeps the dumps, which need it.
 */
export function removePerfMap(pid) {
  if (!process.env.BENCH_IR_KEEP) rmSync(`/tmp/perf-${pid}.map`, { force: true });
}
