import { createHash } from 'node:crypto';

/**
 * Lowercase hex SHA-1 of bytes or text, for identities (dedupe keys of pushes without a
 * Msg-Id, content digests). Not a signature check.
 *
 * @example
 * ```ts
 * sha1Hex('{}'); // 'bf21a9e8fbc5a3846fb05b4fa0859e0917b2202f'
 * ```
 */
export function sha1Hex(data: Uint8Array | string): string {
  return createHash('sha1').update(data).digest('hex');
}
