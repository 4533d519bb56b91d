import { inject } from 'vitest';
import type { ContractState } from '../contract/kit.js';
import { describeContract } from '../contract/suite.js';

// The shared contract cases against the built test app (`next build` + `next start`, see
// global-setup.ts). The app mounts the suite's receiver kit itself and serves what its handlers
// recorded at /contract-state; `origin` is the prefix under which each router serves the
// contract path (/douyin/webhook).
const base = inject('nextTestAppUrl');
const state = async (): Promise<ContractState> => (await fetch(`${base}/contract-state`)).json() as Promise<ContractState>;

// The App Router streams every reply chunked: Next strips content-length on purpose
// (FORBIDDEN_HEADERS in next/dist/server/send-response.js).
describeContract('Next.js App Router (built app)', async () => ({ origin: `${base}/app-router`, close: async () => {}, state }), {
  mountsGivenReceiver: false,
  contentLength: false,
});
describeContract('Next.js Pages Router (built app)', async () => ({ origin: `${base}/api`, close: async () => {}, state }), {
  mountsGivenReceiver: false,
});
