import { createHash } from 'node:crypto';

/**
 * The job id a push is stored under: a hash of its dedupe identity (`push.id` may hold any
 * character; engines want ids without `:` and of bounded length). Every receiver process
 * derives the same id, so the engine itself refuses the second copy.
 *
 * @example
 * ```ts
 * jobIdFor('["aw1","life_trade_order_notify","m-1"]'); // '5e0c…' (32 hex digits)
 * ```
 */
export function jobIdFor(pushId: string): string {
  return createHash('sha256').update(pushId).digest('hex').slice(0, 32);
}

/**
 * The same id written as a UUID, for engines whose job ids are UUIDs (pg-boss).
 *
 * @example
 * ```ts
 * asUuid('5e0c…'); // '5e0c…-…-…-…-…'
 * ```
 */
export function asUuid(hex32: string): string {
  return `${hex32.slice(0, 8)}-${hex32.slice(8, 12)}-${hex32.slice(12, 16)}-${hex32.slice(16, 20)}-${hex32.slice(20, 32)}`;
}

/** A job id as typed by a person: with or without the UUID dashes, or the push id itself. */
export function normaliseJobId(id: string): string {
  const plain = id.replace(/-/g, '').toLowerCase();
  return /^[0-9a-f]{32}$/.test(plain) ? plain : jobIdFor(id);
}
