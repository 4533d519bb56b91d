import type { z } from 'zod';
import type { Envelope } from './parse.js';
import { allEventSchemas, eventAliases } from '../events/schemas.js';
import type { DouyinAnyEvent, SchemaIssue } from '../events/types.js';

/**
 * Builds the event handlers receive from a verified, decoded push: resolves aliases, validates
 * `content` against its schema (a mismatch is delivered and flagged, never dropped) and reads
 * `action`.
 *
 * @example
 * ```ts
 * const event = buildEvent({ envelope, content, msgId, rawBody, schemas: eventSchemaMap(undefined) });
 * event.schemaIssues; // undefined when content matched
 * ```
 */
export function buildEvent(input: {
  envelope: Envelope;
  content: unknown;
  msgId: string;
  rawBody: Uint8Array;
  schemas: ReadonlyMap<string, z.ZodType>;
}): DouyinAnyEvent {
  const { envelope, content } = input;
  const name = aliases.get(envelope.event) ?? envelope.event;
  const event = {
    name,
    msgId: input.msgId,
    clientKey: envelope.client_key,
    logId: envelope.log_id,
    envelope,
    rawBody: input.rawBody,
  } as DouyinAnyEvent;
  const schema = input.schemas.get(name);
  const parsed = schema?.safeParse(content);
  event.content = parsed?.success ? parsed.data : content;
  event.schemaIssues = parsed && !parsed.success ? parsed.error.issues.map(toIssue) : undefined;
  // A signed push without `content` is delivered, and says so.
  if (envelope.content === undefined && !event.schemaIssues) event.schemaIssues = [MISSING_CONTENT];
  const action = (event.content as { action?: unknown } | null)?.action;
  event.action = typeof action === 'string' ? action : undefined;
  return event;
}

// Maps, not objects: `schemas[name]` found `constructor` or `toString` on Object.prototype, so a
// signed push named `toString` reached handlers with a function as its name. A Map holds only
// what was put in it (and its lookup skips the string-table probe a computed key costs).
const aliases: ReadonlyMap<string, string> = new Map(Object.entries(eventAliases));

/**
 * The schema of every event a receiver knows, by name: the built-in ones, then the added ones.
 *
 * @example
 * ```ts
 * const schemas = eventSchemaMap({ life_member_join: memberJoinSchema });
 * schemas.get('life_member_join'); // memberJoinSchema
 * ```
 */
export function eventSchemaMap(added: Readonly<Record<string, z.ZodType>> | undefined): ReadonlyMap<string, z.ZodType> {
  return new Map(Object.entries({ ...allEventSchemas, ...added }));
}

/**
 * Whether `name` is an event of `schemas` or one of Douyin's alias spellings.
 *
 * @example
 * ```ts
 * isKnownEvent(eventSchemaMap(undefined), 'toString'); // false
 * ```
 */
export function isKnownEvent(schemas: ReadonlyMap<string, z.ZodType>, name: string): boolean {
  return schemas.has(name) || aliases.has(name);
}

const MISSING_CONTENT: SchemaIssue = { path: ['content'], message: 'the push has no `content`', code: 'missing' };

function toIssue(issue: z.core.$ZodIssue): SchemaIssue {
  return { path: issue.path, message: issue.message, code: issue.code };
}
