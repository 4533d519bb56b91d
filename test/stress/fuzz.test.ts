import { describe, expect, it } from 'vitest';
import {
  arbitraryBytes,
  mutatedPushes,
  printRuns,
  signRoundTrip,
  structuredEnvelopes,
  type PropertyRun,
} from '../reliability/properties.js';

// Over 100 000 generated cases in all (FUZZ_STRESS_RUNS per property, default 26 000 × 4).
const RUNS = Number(process.env.FUZZ_STRESS_RUNS ?? 26_000);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const done: PropertyRun[] = [];

describe('stress fuzz: documented codes only, no handler for the unauthenticated, no hang', () => {
  it(`arbitrary bytes with any headers (${RUNS} cases)`, async () => {
    done.push(await arbitraryBytes(RUNS, seed));
  });
  it(`truncated and mutated real pushes (${RUNS} cases)`, async () => {
    done.push(await mutatedPushes(RUNS, seed));
  });
  it(`signed envelopes of any shape (${RUNS} cases)`, async () => {
    done.push(await structuredEnvelopes(RUNS, seed));
  });
  it(`sign then verify round-trips (${RUNS} cases)`, async () => {
    done.push(await signRoundTrip(RUNS, seed));
  });
  it('ran at least 100 000 cases', () => {
    printRuns('stress fuzz', done);
    expect(done.reduce((n, r) => n + r.runs, 0)).toBeGreaterThanOrEqual(100_000);
  });
});
