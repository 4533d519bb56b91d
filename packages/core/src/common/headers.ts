import type { HeadersInput } from './receiver.js';

/**
 * One header, case-insensitively, from a web `Headers` or a Node-style record. A repeated
 * header yields its first value.
 *
 * @example
 * ```ts
 * readHeader(req.headers, 'x-douyin-signature');
 * ```
 */
export function readHeader(headers: HeadersInput, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') {
    return (headers as Headers).get(name) ?? undefined;
  }
  const record = headers as Record<string, unknown>;
  let value = record[name];
  if (value === undefined) {
    const lower = name.toLowerCase();
    for (const key of Object.keys(record)) {
      if (key.toLowerCase() === lower) {
        value = record[key];
        break;
      }
    }
  }
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) value = value[0];
  return value === undefined || value === null ? undefined : String(value);
}
