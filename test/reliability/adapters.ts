/** Every adapter, started exactly as the contract suite starts it (test/contract/starts.ts). */
export { adapters } from '../contract/starts.js';
