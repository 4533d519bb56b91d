import { fixtures, sampleContents } from '@douyin-push/core/testing';

/**
 * One event the CLI can send by name, with the sample content it sends when `--content` is
 * not given.
 *
 * @example
 * ```ts
 * const { event, content } = eventCatalog()[0];
 * ```
 */
export interface CatalogEntry {
  event: string;
  /** The `content` object (sent JSON-encoded as a string, like Douyin; verify_webhook as an object). */
  content: Record<string, unknown>;
  /** Where the sample comes from. */
  source: 'seed sample' | 'sample' | 'fields not published by Douyin';
  /** Whether a raw seed body exists for it (core's `fixtures`), sendable byte for byte with `--seed`. */
  seed: boolean;
}

const VERIFY_WEBHOOK: CatalogEntry = {
  event: 'verify_webhook',
  // The object form of the official docs; the receiver must accept the string form too.
  content: { challenge: 12345 },
  source: 'sample',
  seed: false,
};

/**
 * Every known event (core's `sampleContents`, plus `verify_webhook`). The content is the seed
 * sample's where one exists, so `send <event>` sends what the seed documents show.
 *
 * @example
 * ```ts
 * for (const entry of eventCatalog()) console.log(entry.event);
 * ```
 */
export function eventCatalog(): CatalogEntry[] {
  const known = Object.entries(sampleContents as Record<string, Record<string, unknown>>).map(([event, sample]): CatalogEntry => {
    const seed = seedContent(event);
    if (seed) return { event, content: seed, source: 'seed sample', seed: true };
    const published = Object.keys(sample).length > 0;
    return { event, content: sample, source: published ? 'sample' : 'fields not published by Douyin', seed: false };
  });
  return [VERIFY_WEBHOOK, ...known];
}

/**
 * The catalog entry of one event, or undefined for a name the CLI does not know.
 *
 * @example
 * ```ts
 * catalogEntry('life_trade_order_notify')?.content;
 * ```
 */
export function catalogEntry(event: string): CatalogEntry | undefined {
  return eventCatalog().find((entry) => entry.event === event);
}

/**
 * The raw seed body of an event, exactly as Douyin sent it, if the seed documents have one.
 *
 * @example
 * ```ts
 * seedBody('life_trade_order_notify'); // '{"event":"life_trade_order_notify",...}'
 * ```
 */
export function seedBody(event: string): string | undefined {
  return (fixtures as Readonly<Record<string, string>>)[event];
}

function seedContent(event: string): Record<string, unknown> | undefined {
  const raw = seedBody(event);
  if (raw === undefined) return undefined;
  const envelope = JSON.parse(raw) as { content?: unknown };
  const content = typeof envelope.content === 'string' ? (JSON.parse(envelope.content) as unknown) : envelope.content;
  return content !== null && typeof content === 'object' ? (content as Record<string, unknown>) : undefined;
}
