import { hmac } from '@noble/hashes/hmac.js';
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from './hex.js';
import type { HashInput, Hashes, Hmac } from './types.js';

const encoder = new TextEncoder();
const toBytes = (part: Uint8Array | string): Uint8Array => (typeof part === 'string' ? encoder.encode(part) : part);

type Hasher = { update(data: Uint8Array): unknown; digest(): Uint8Array };

function digest(hasher: Hasher, input: HashInput): Uint8Array {
  // Feeding the parts one by one avoids concatenating secret ‖ body into a new buffer.
  for (const part of typeof input === 'string' || input instanceof Uint8Array ? [input] : input) hasher.update(toBytes(part));
  return hasher.digest();
}

/**
 * SHA-1 in plain JavaScript (@noble/hashes).
 *
 * @example
 * ```ts
 * bytesToHex(pureSha1('abc')); // 'a9993e36…d89d'
 * ```
 */
export const pureSha1 = (input: HashInput): Uint8Array => digest(sha1.create(), input);

/**
 * SHA-256 in plain JavaScript (@noble/hashes).
 *
 * @example
 * ```ts
 * bytesToHex(pureSha256('abc')); // 'ba7816bf…15ad'
 * ```
 */
export const pureSha256 = (input: HashInput): Uint8Array => digest(sha256.create(), input);

/**
 * MD5 in plain JavaScript (@noble/hashes, legacy module).
 *
 * @example
 * ```ts
 * bytesToHex(pureMd5('')); // 'd41d8cd9…427e'
 * ```
 */
export const pureMd5 = (input: HashInput): Uint8Array => digest(md5.create(), input);

/**
 * The digests in plain JavaScript (@noble/hashes, audited, no dependencies): what runs where
 * node:crypto is not reachable, such as workerd without `nodejs_compat` or Vercel's edge-runtime.
 *
 * @example
 * ```ts
 * pureHashes.sha256Hex('abc'); // 'ba7816bf…15ad'
 * ```
 */
export const pureHashes: Hashes = {
  backend: 'pure',
  sha1: pureSha1,
  sha1Hex: (input) => bytesToHex(pureSha1(input)),
  sha256: pureSha256,
  sha256Hex: (input) => bytesToHex(pureSha256(input)),
  md5: pureMd5,
  md5Hex: (input) => bytesToHex(pureMd5(input)),
};

/**
 * HMAC-SHA256 in plain JavaScript (@noble/hashes).
 *
 * @example
 * ```ts
 * pureHmac.hmacSha256Hex('Jefe', 'what do ya want for nothing?'); // '5bdcc146…3843' (RFC 4231)
 * ```
 */
export const pureHmac: Hmac = {
  hmacSha256: (key, input) => digest(hmac.create(sha256, toBytes(key)), input),
  hmacSha256Hex: (key, input) => bytesToHex(digest(hmac.create(sha256, toBytes(key)), input)),
};
