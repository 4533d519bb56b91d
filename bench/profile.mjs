// Where the adapters' time goes: each server (pinned to CPU 1, dedupe prefilled) warms up under
// load, then is CPU-profiled (V8 sampling profiler at 100 µs, the data `node --cpu-prof` writes)
// for BENCH_PROFILE_S seconds of the same load as http.mjs; profiles land in
// bench/results/profiles/<framework>-<variant>.cpuprofile (open them in Chrome DevTools), and the
// summary (self time by area and by function, idle left out) goes to stdout.
// `node bench/profile.mjs [frameworks...]`  (default: node express5 fastify koa3 web; add
// `--hand` to profile the hand-written receivers too). Run it pinned: `taskset -c 0 node ...`.
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LABELS, load } from './http.mjs';
import { summarise } from './lib/profile-summary.mjs';
import { startServer } from './lib/proc.mjs';

const seconds = Number(process.env.BENCH_PROFILE_S ?? 6);
const args = process.argv.slice(2);
const frameworks = args.filter((a) => !a.startsWith('--'));
const variants = args.includes('--hand') ? ['adapter', 'hand'] : ['adapter'];
const dir = fileURLToPath(new URL('./results/profiles/', import.meta.url));
mkdirSync(dir, { recursive: true });
const pct = (x) => `${(x * 100).toFixed(1).padStart(5)}%`;

for (const framework of frameworks.length ? frameworks : ['node', 'express5', 'fastify', 'koa3', 'web']) {
  for (const variant of variants) {
    const server = await startServer(framework, variant);
    try {
      await fetch(`${server.origin}/__prefill`);
      await load(server.origin, 2);
      const file = `${dir}${framework}-${variant}.cpuprofile`;
      await fetch(`${server.origin}/__profile/start`);
      const result = await load(server.origin, seconds);
      await fetch(`${server.origin}/__profile/stop?to=${encodeURIComponent(file)}`);
      const s = summarise(JSON.parse(readFileSync(file, 'utf8')));
      console.log(
        `\n## ${LABELS[framework]} ${variant}: ${result['2xx']} pushes, ${s.totalMs.toFixed(0)} ms busy (${file.replace(/^.*bench\//, 'bench/')})`,
      );
      console.log('by area:');
      for (const [a, x] of s.areas.slice(0, 14)) console.log(`  ${pct(x)}  ${a}`);
      console.log('top functions, self time:');
      for (const [l, x, a] of s.functions.slice(0, 30)) console.log(`  ${pct(x)}  ${l}   [${a}]`);
    } finally {
      await server.stop();
    }
  }
}
