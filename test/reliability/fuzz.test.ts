import { describe, expect, it } from 'vitest';
import { arbitraryBytes, mutatedPushes, printRuns, signRoundTrip, structuredEnvelopes, type PropertyRun } from './properties.js';

// The fast part: a few hundred cases per property (the stress run does 100 000+). A failing
// case is shrunk and printed with its seed by fast-check; FUZZ_SEED replays a run.
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const done: PropertyRun[] = [];

describe('fuzz: the receiver answers only documented codes, never runs a handler for the unauthenticated', () => {
  it('arbitrary bytes with any signature, method and header shape', async () => {
    done.push(await arbitraryBytes(RUNS, seed));
  });
  it('truncated and mutated real pushes', async () => {
    const run = await mutatedPushes(RUNS, seed);
    done.push(run);
    expect(run.handled).toBeGreaterThan(0); // re-signed intact pushes do get handled
  });
  it('signed envelopes with huge numbers, deep nesting, wrong types', async () => {
    const run = await structuredEnvelopes(RUNS, seed);
    done.push(run);
    expect(Object.keys(run.replies).length).toBeGreaterThan(2); // the generator reaches several outcomes
  });
  it('sign then verify round-trips for any body', async () => {
    done.push(await signRoundTrip(RUNS, seed));
    printRuns('fuzz', done);
  });
});
