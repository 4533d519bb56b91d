// Self time of a .cpuprofile (as `node --cpu-prof` or the inspector's Profiler writes it), by
// area (core, adapter, framework, node:http, GC, ...) and by function, with douyin-push's own
// bundled functions mapped back to packages/*/src through the dist source maps (node:module's
// SourceMap, no dependency). Idle time is left out of every percentage.
// CLI: `node bench/lib/profile-summary.mjs <file.cpuprofile> [top]`
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

const maps = new Map();
function sourceMapOf(url) {
  if (!maps.has(url)) {
    let map;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, 'utf8')));
    } catch {
      map = undefined;
    }
    maps.set(url, map);
  }
  return maps.get(url);
}

/** Where a frame's self time belongs. */
export function areaOf({ url, functionName }) {
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(program)') return '(program: V8/native, unattributed)';
  if (functionName === '(idle)') return '(idle)';
  const pkg = url.match(/\/packages\/([^/]+)\/dist\//)?.[1];
  if (pkg) return pkg === 'core' ? 'douyin-push core' : `douyin-push ${pkg} adapter`;
  if (url.includes('/bench/')) return 'bench server (hand-written receiver, glue, control)';
  const dep = url.match(/node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1];
  if (dep) return `dep: ${dep}`;
  if (url.startsWith('node:')) {
    const m = url.slice(5);
    if (/^_http|^http/.test(m)) return 'node: http';
    if (/streams|stream/.test(m)) return 'node: streams';
    if (/^net|internal\/net|stream_base|tcp/.test(m)) return 'node: net';
    if (/events|event_target/.test(m)) return 'node: events';
    if (/timers/.test(m)) return 'node: timers';
    if (/crypto/.test(m)) return 'node: crypto';
    if (/process\/task_queues|promise/.test(m)) return 'node: microtasks';
    if (/buffer|encoding/.test(m)) return 'node: buffer/encoding';
    return 'node: other';
  }
  return undefined; // native: attributed to its caller's area
}

function labelOf(frame) {
  const name = frame.functionName || '(anonymous)';
  if (/\/packages\/[^/]+\/dist\//.test(frame.url)) {
    const entry = sourceMapOf(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber);
    if (entry?.originalSource) {
      const src = entry.originalSource.replace(/^(\.\.\/)+/, '');
      const pkg = frame.url.match(/\/packages\/([^/]+)\/dist\//)[1];
      return `${name}  packages/${pkg}/${src}:${entry.originalLine + 1}`;
    }
  }
  if (!frame.url) return name;
  const short = frame.url.includes('node_modules')
    ? frame.url.replace(/^.*node_modules\/(?!\.pnpm)/, '')
    : frame.url.replace(/^file:\/\/.*\/(bench\/)/, '$1');
  return `${name}  ${short}:${frame.lineNumber + 1}`;
}

/** { totalMs, areas: [[area, share]], functions: [[label, share, area]] } of one profile. */
export function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  // The profiler's own stop (node:inspector serialising the profile) is not the server's work.
  const skip = (node) => {
    for (let n = node; n; n = parent.get(n.id)) if (n.callFrame.url.startsWith('node:inspector')) return true;
    return false;
  };
  // A native frame (no url: a C++ binding or V8 builtin, e.g. the socket's writev, sha1's
  // update, JSON.parse) counts in the area of the JS function that called it.
  const attribute = (node) => {
    const area = areaOf(node.callFrame);
    if (area) return [area, labelOf(node.callFrame)];
    let caller = parent.get(node.id);
    while (caller && !areaOf(caller.callFrame)) caller = parent.get(caller.id);
    const callerLabel = caller ? labelOf(caller.callFrame) : '(root)';
    return [caller ? areaOf(caller.callFrame) : '(native)', `${node.callFrame.functionName || '(native)'} ← ${callerLabel}`];
  };
  const selfUs = new Map();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const areas = new Map();
  const functions = new Map();
  let total = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (skip(node)) continue;
    const [area, label] = attribute(node);
    if (area === '(idle)') continue;
    total += us;
    areas.set(area, (areas.get(area) ?? 0) + us);
    const f = functions.get(label) ?? { us: 0, area };
    f.us += us;
    functions.set(label, f);
  }
  return {
    totalMs: total / 1e3,
    areas: [...areas].sort((a, b) => b[1] - a[1]).map(([a, us]) => [a, us / total]),
    functions: [...functions].sort((a, b) => b[1].us - a[1].us).map(([l, f]) => [l, f.us / total, f.area]),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = summarise(JSON.parse(readFileSync(process.argv[2], 'utf8')));
  const pct = (x) => `${(x * 100).toFixed(1).padStart(5)}%`;
  console.log(`busy ${s.totalMs.toFixed(0)} ms (idle left out)\nby area:`);
  for (const [a, x] of s.areas) console.log(`  ${pct(x)}  ${a}`);
  console.log('top functions (self time):');
  for (const [l, x, a] of s.functions.slice(0, Number(process.argv[3] ?? 25))) console.log(`  ${pct(x)}  ${l}   [${a}]`);
}
