import { eventSchemas } from '@douyin-push/core';
import { fixtures } from '@douyin-push/core/testing';
import { extraSamples } from './samples.js';

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
  /** Where the sample comes from: 'seed sample' (core fixtures, exact bytes) or a note. */
  source: string;
  /** False when Douyin does not publish this event's content fields (sample is `{}`). */
  contentKnown: boolean;
}

/**
 * Every known event (core's schema map, plus `verify_webhook`), in a stable order.
 *
 * @example
 * ```ts
 * for (const entry of eventCatalog()) console.log(entry.event);
 * ```
 */
export function eventCatalog(): CatalogEntry[] {
  const names = ['verify_webhook', ...Object.keys(eventSchemas)];
  return names.map((event) => {
    const seed = seedContent(event);
    if (seed) return { event, content: seed, source: 'seed sample', contentKnown: true };
    const extra = extraSamples[event];
    if (extra) return { event, content: extra.content, source: extra.source, contentKnown: true };
    return { event, content: {}, source: 'content fields not published by Douyin', contentKnown: false };
  });
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

function seedContent(event: string): Record<string, unknown> | undefined {
  const raw = (fixtures as Readonly<Record<string, string | Uint8Array | undefined>>)[event];
  if (raw === undefined) return undefined;
  const envelope = JSON.parse(typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8')) as { content?: unknown };
  const content = typeof envelope.content === 'string' ? (JSON.parse(envelope.content) as unknown) : envelope.content;
  return content !== null && typeof content === 'object' ? (content as Record<string, unknown>) : undefined;
}
