import { createContractKit, type ContractKit } from '../../../contract/kit';

// The contract suite's receiver (recording handlers), built here because the suite cannot hand
// its own to a separately built app. App Router and Pages Router routes are bundled apart, so
// globalThis keeps one kit (one receiver, one dedupe store, one record) per process.
const shared = globalThis as typeof globalThis & { douyinContractKit?: ContractKit };
export const kit: ContractKit = (shared.douyinContractKit ??= createContractKit());
