import { bytesToText } from './bytes.js';
import { DouyinPushError } from './errors.js';

/**
 * Decodes body bytes to a JSON object. Invalid UTF-8 or JSON, or a non-object, is a 400
 * `INVALID_JSON`. Push and SPI receivers both decode with it.
 *
 * @example
 * ```ts
 * const json = parseJsonBody(rawBody); // Record<string, unknown>
 * ```
 */
export function parseJsonBody(rawBody: Uint8Array): Record<string, unknown> {
  const text = bytesToText(rawBody);
  let value: unknown;
  try {
    if (text === undefined) throw new Error('the body is not valid UTF-8');
    value = JSON.parse(text);
  } catch (cause) {
    throw new DouyinPushError('INVALID_JSON', 400, 'The request body is not JSON.', { cause });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DouyinPushError('INVALID_JSON', 400, 'The request body is not a JSON object.');
  }
  return value as Record<string, unknown>;
}
