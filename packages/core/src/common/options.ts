import { configError } from './errors.js';

/**
 * The one rule for numeric options (byte limits, milliseconds, counts): a positive integer,
 * or the default when the option is left out. Wrong values fail at construction, naming the
 * factory and the option.
 *
 * @example
 * ```ts
 * const timeoutMs = positiveInt('createDouyinWebhooks', 'timeoutMs', options.timeoutMs, 2500);
 * ```
 */
export function positiveInt(owner: string, name: string, value: number | undefined, fallback: number): number {
  const chosen = value ?? fallback;
  if (!Number.isSafeInteger(chosen) || chosen <= 0) {
    throw configError(`${owner}: \`${name}\` must be a positive integer, got ${String(chosen)}.`);
  }
  return chosen;
}
