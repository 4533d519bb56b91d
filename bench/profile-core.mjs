// Profiles core's hot path without HTTP: `node --cpu-prof --cpu-prof-dir=bench/results/profiles
// bench/profile-core.mjs [core|hand] [pushes]`, then
// `node bench/lib/profile-summary.mjs bench/results/profiles/<file>.cpuprofile`.
// Same setup as core.mjs (bench/lib/core-subjects.mjs): default memoryDedupe prefilled to
// 100 000 ids, a new Msg-Id per push.
import { coreSubject } from './lib/core-subjects.mjs';

const which = process.argv[2] ?? 'core';
const N = Number(process.argv[3] ?? 300_000);
const run = await coreSubject(which);
const started = process.cpuUsage();
await run(N);
const cpu = process.cpuUsage(started);
console.log(`${which}: ${((cpu.user + cpu.system) / N).toFixed(2)} µs CPU/push over ${N}`);
