/**
 * Test kit: build pushes signed exactly as Douyin signs them, and the seed samples.
 *
 * @example
 * ```ts
 * import { buildPush, fixtures, signedHeaders } from '@douyin-push/core/testing';
 *
 * const seed = fixtures.life_trade_order_notify;
 * await fetch(url, { method: 'POST', body: seed, headers: signedHeaders(seed, secret) });
 * ```
 *
 * @packageDocumentation
 */
export { buildPush, signedHeaders, type BuildPushOptions, type BuiltPush } from './build-push.js';
export { fixtures, type FixtureName } from './fixtures.js';
export { sampleContents } from './samples.js';
