/** What a hash takes: bytes, a string (hashed as UTF-8), or several of them hashed one after the other. */
export type HashInput = Uint8Array | string | readonly (Uint8Array | string)[];

/**
 * One implementation of the digests core needs. Two exist: node:crypto where the runtime has it
 * (Node, Bun, Deno) and a pure one (workerd without `nodejs_compat`, edge-runtime, browsers).
 *
 * @example
 * ```ts
 * const hashes: Hashes = pureHashes;
 * hashes.sha1Hex(['secret', body]); // 40 lowercase hex chars
 * ```
 */
export interface Hashes {
  /** Which implementation this is (for logs and benchmarks). */
  readonly backend: 'node' | 'pure';
  sha1(input: HashInput): Uint8Array;
  sha1Hex(input: HashInput): string;
  sha256(input: HashInput): Uint8Array;
  sha256Hex(input: HashInput): string;
  md5(input: HashInput): Uint8Array;
  md5Hex(input: HashInput): string;
}

/**
 * HMAC-SHA256 in one implementation; apart from {@link Hashes} so that a bundle which never
 * calls it (core's signature checks do not) leaves the pure HMAC out.
 *
 * @example
 * ```ts
 * pureHmac.hmacSha256Hex('key', 'message');
 * ```
 */
export interface Hmac {
  hmacSha256(key: Uint8Array | string, input: HashInput): Uint8Array;
  hmacSha256Hex(key: Uint8Array | string, input: HashInput): string;
}
