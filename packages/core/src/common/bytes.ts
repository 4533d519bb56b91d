const encoder = new TextEncoder();

/**
 * Bytes of a body given as bytes, an ArrayBuffer or a string (UTF-8). Never copies bytes.
 *
 * @example
 * ```ts
 * toBytes('{}'); // Uint8Array [123, 125]
 * ```
 */
export function toBytes(input: Uint8Array | ArrayBuffer | string): Uint8Array {
  if (typeof input === 'string') return encoder.encode(input);
  if (input instanceof Uint8Array) return input;
  return new Uint8Array(input);
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * UTF-8 text of the body; `undefined` when the bytes are not valid UTF-8 (then not JSON).
 *
 * @example
 * ```ts
 * bytesToText(new Uint8Array([0xff])); // undefined: not UTF-8
 * ```
 */
export function bytesToText(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}
