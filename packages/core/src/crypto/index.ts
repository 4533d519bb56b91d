/**
 * The digests behind push and SPI signatures, on web-standard APIs only: node:crypto when the
 * runtime offers it (found at run time, never imported statically), else @noble/hashes.
 * Every function is synchronous and returns `Uint8Array` or lowercase hex, never `Buffer`.
 * Each export picks its backend on its own, so a worker bundle keeps only the pure digests it
 * calls (the push entry: SHA-1 only; SHA-256 and MD5 come with the SPI entry).
 */
import { bytesToHex } from './hex.js';
import { findNodeCrypto, nodeDigest, nodeDigestHex, nodeHmac } from './node.js';
import { pureHmac, pureMd5, pureSha1, pureSha256 } from './pure.js';
import type { HashInput, Hmac } from './types.js';

export { equalBytes } from './equal.js';
export { bytesToHex, hexToBytes } from './hex.js';
export { findNodeCrypto, nodeDigest, nodeDigestHex, nodeHashes, nodeHmac, type NodeCryptoLike } from './node.js';
export { pureHashes, pureHmac, pureMd5, pureSha1, pureSha256 } from './pure.js';
export type { HashInput, Hashes, Hmac } from './types.js';

const found = findNodeCrypto();

/**
 * Which implementation this runtime uses: `'node'` (node:crypto) or `'pure'` (@noble/hashes).
 *
 * @example
 * ```ts
 * console.log(`signatures hashed by ${hashBackend}`);
 * ```
 */
export const hashBackend: 'node' | 'pure' = found ? 'node' : 'pure';

/**
 * SHA-1 of the parts one after the other, as bytes.
 *
 * @example
 * ```ts
 * equalBytes(sha1([secret, rawBody]), hexToBytes(signature) ?? new Uint8Array());
 * ```
 */
export const sha1 = (input: HashInput): Uint8Array => (found ? nodeDigest(found, 'sha1', input) : pureSha1(input));

/**
 * SHA-1 of the parts, lowercase hex: Douyin's push signature is `sha1Hex([secret, rawBody])`.
 *
 * @example
 * ```ts
 * sha1Hex(['test_secret_123', body]); // 'fb7f0bfe…58e3' for the verify_webhook vector
 * ```
 */
export const sha1Hex = (input: HashInput): string => (found ? nodeDigestHex(found, 'sha1', input) : bytesToHex(pureSha1(input)));

/**
 * SHA-256 as bytes (the SPI `x-life-sign` compare).
 *
 * @example
 * ```ts
 * equalBytes(sha256(stringToSign), given);
 * ```
 */
export const sha256 = (input: HashInput): Uint8Array => (found ? nodeDigest(found, 'sha256', input) : pureSha256(input));

/**
 * SHA-256, lowercase hex (the SPI `x-life-sign` header).
 *
 * @example
 * ```ts
 * sha256Hex('abc'); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 * ```
 */
export const sha256Hex = (input: HashInput): string => (found ? nodeDigestHex(found, 'sha256', input) : bytesToHex(pureSha256(input)));

/**
 * MD5 as bytes (the legacy SPI query `sign` compare).
 *
 * @example
 * ```ts
 * equalBytes(md5(stringToSign), given);
 * ```
 */
export const md5 = (input: HashInput): Uint8Array => (found ? nodeDigest(found, 'md5', input) : pureMd5(input));

/**
 * MD5, lowercase hex (the legacy SPI query `sign`).
 *
 * @example
 * ```ts
 * md5Hex(''); // 'd41d8cd98f00b204e9800998ecf8427e'
 * ```
 */
export const md5Hex = (input: HashInput): string => (found ? nodeDigestHex(found, 'md5', input) : bytesToHex(pureMd5(input)));

// Chosen on first use, so a bundle that never calls HMAC drops the pure one (tree-shaking).
let hmacChosen: Hmac | undefined;
const hmacImpl = (): Hmac => (hmacChosen ??= found ? nodeHmac(found) : pureHmac);

/**
 * HMAC-SHA256 as bytes.
 *
 * @example
 * ```ts
 * equalBytes(hmacSha256(key, message), given);
 * ```
 */
export const hmacSha256 = (key: Uint8Array | string, input: HashInput): Uint8Array => hmacImpl().hmacSha256(key, input);

/**
 * HMAC-SHA256, lowercase hex.
 *
 * @example
 * ```ts
 * hmacSha256Hex('key', 'The quick brown fox jumps over the lazy dog');
 * // 'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8'
 * ```
 */
export const hmacSha256Hex = (key: Uint8Array | string, input: HashInput): string => hmacImpl().hmacSha256Hex(key, input);
