const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Lowercase hex of some bytes.
 *
 * @example
 * ```ts
 * bytesToHex(new Uint8Array([0xfb, 0x7f])); // 'fb7f'
 * ```
 */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!];
  return out;
}

/**
 * Decodes hex of either case; `undefined` for anything that is not hex, including an odd length
 * (unlike `Buffer.from(hex, 'hex')`, which silently stops at the first bad pair).
 *
 * @example
 * ```ts
 * hexToBytes('FB7F'); // Uint8Array [0xfb, 0x7f]
 * hexToBytes('zz'); // undefined
 * ```
 */
export function hexToBytes(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const high = nibble(hex.charCodeAt(i * 2));
    const low = nibble(hex.charCodeAt(i * 2 + 1));
    if (high < 0 || low < 0) return undefined;
    out[i] = (high << 4) | low;
  }
  return out;
}

function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  const lower = code | 0x20; // A-F → a-f
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
}
