/**
 * Compares two byte arrays in time that depends only on their length (a signature check must
 * not tell an attacker how many leading bytes were right). Different lengths are simply unequal:
 * digest lengths are public.
 *
 * @example
 * ```ts
 * equalBytes(expectedDigest, hexToBytes(given) ?? new Uint8Array()); // true or false
 * ```
 */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
