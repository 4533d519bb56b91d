import type { z } from 'zod';
import type { Envelope } from './parse.js';
import { eventAliases } from '../events/schemas.js';
import type { DouyinAnyEvent, SchemaIssue } from '../events/types.js';

/**
 * Builds the event handlers receive from a verified, decoded push: resolves aliases, validates
 * `content` against its schema (a mismatch is delivered and flagged, never dropped) and reads
 * `action`.
 *
 * @example
 * ```ts
 * const event = buildEvent({ envelope, content, msgId, rawBody, schemas: eventSchemas });
 * event.schemaIssues; // undefined when content matched
 * ```
 */
export function buildEvent(input: {
  envelope: Envelope;
  content: unknown;
  msgId: string;
  rawBody: Uint8Array;
  schemas: Readonly<Record<string, z.ZodType>>;
}): DouyinAnyEvent {
  const { envelope, content } = input;
  const name = eventAliases[envelope.event] ?? envelope.event;
  const event = {
    name,
    msgId: input.msgId,
    clientKey: envelope.client_key,
    logId: envelope.log_id,
    envelope,
    rawBody: input.rawBody,
  } as DouyinAnyEvent;
  const schema = input.schemas[name];
  const parsed = schema?.safeParse(content);
  event.content = parsed?.success ? parsed.data : content;
  event.schemaIssues = parsed && !parsed.success ? parsed.error.issues.map(toIssue) : undefined;
  // A signed push without `content` is delivered, and says so.
  if (envelope.content === undefined && !event.schemaIssues) event.schemaIssues = [MISSING_CONTENT];
  const action = (event.content as { action?: unknown } | null)?.action;
  event.action = typeof action === 'string' ? action : undefined;
  return event;
}

const MISSING_CONTENT: SchemaIssue = { path: ['content'], message: 'the push has no `content`', code: 'missing' };

function toIssue(issue: z.core.$ZodIssue): SchemaIssue {
  return { path: issue.path, message: issue.message, code: issue.code };
}
