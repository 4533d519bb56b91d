import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { sign } from '@douyin-push/core';
import { buildPush } from '@douyin-push/core/testing';
import { catalogEntry, seedBody } from './catalog.js';
import type { OutgoingPush } from './deliver.js';
import { CliUsageError } from './errors.js';

/**
 * What `send` was asked to send.
 *
 * @example
 * ```ts
 * const pushes = await preparePushes({ target: 'life_trade_order_notify', url, secret, count: 1, duplicates: 0, cwd });
 * ```
 */
export interface PushRequest {
  /** An event name (sent with its sample or `content`) or a file holding a raw push body. */
  target: string;
  /** Send the event's raw seed body byte for byte instead of building a fresh envelope. */
  seed?: boolean | undefined;
  url: string;
  secret: string;
  content?: unknown;
  clientKey?: string | undefined;
  msgId?: string | undefined;
  /** Distinct pushes (each with its own Msg-Id). */
  count: number;
  /** Extra copies of each push with the same bytes and Msg-Id. */
  duplicates: number;
  cwd: string;
}

/**
 * Builds and signs the pushes: from an event name through core's test kit (`buildPush`, the
 * envelope Douyin sends, `content` JSON-encoded), or from a file whose bytes are sent and signed
 * exactly as they are. Duplicates follow their original, so a sequential run sends each
 * duplicate after the original was answered, as Douyin's redeliveries do.
 *
 * @example
 * ```ts
 * const [push] = await preparePushes({ target: 'fixtures/order.json', url, secret, count: 1, duplicates: 1, cwd });
 * ```
 */
export async function preparePushes(request: PushRequest): Promise<OutgoingPush[]> {
  if (request.count > 1 && request.msgId !== undefined) {
    throw new CliUsageError(
      'send',
      '--msg-id names one push; with --count each push gets its own id (use --duplicates to repeat one Msg-Id)',
    );
  }
  const file = request.seed ? seedFile(request.target) : await asFile(request.target, request.cwd);
  const originals: OutgoingPush[] = [];
  for (let i = 0; i < request.count; i++) {
    originals.push(file ? fromFile(file, request, i) : fromEvent(request));
  }
  return originals.flatMap((push) => [push, ...Array.from({ length: request.duplicates }, (_, n) => ({ ...push, copy: n + 1 }))]);
}

interface RawFile {
  path: string;
  bytes: Uint8Array;
  event: string;
  msgId: string | undefined;
}

function fromFile(file: RawFile, request: PushRequest, index: number): OutgoingPush {
  if (request.content !== undefined || request.clientKey !== undefined) {
    throw new CliUsageError(
      'send',
      `--content and --client-key build a push from an event name; ${file.path} is sent byte for byte as it is`,
    );
  }
  // A file's own msg_id is the Msg-Id Douyin would send with it; further --count copies need new ids.
  const msgId = request.msgId ?? (index === 0 ? file.msgId : undefined) ?? newMsgId();
  return {
    url: request.url,
    body: file.bytes,
    headers: { 'Content-Type': 'application/json', 'Msg-Id': msgId, 'X-Douyin-Signature': sign(file.bytes, request.secret) },
    event: file.event,
    msgId,
    copy: 0,
  };
}

function seedFile(event: string): RawFile {
  const body = seedBody(event);
  if (body === undefined) {
    throw new CliUsageError('send', `no seed sample for '${event}'; 'douyin-push events' marks the events that have one`);
  }
  const parsed = JSON.parse(body) as { msg_id?: unknown };
  return {
    path: `the ${event} seed sample`,
    bytes: Buffer.from(body),
    event,
    msgId: typeof parsed.msg_id === 'string' ? parsed.msg_id : undefined,
  };
}

function fromEvent(request: PushRequest): OutgoingPush {
  const event = request.target;
  const entry = catalogEntry(event);
  if (!entry && request.content === undefined) {
    throw new CliUsageError(
      'send',
      `unknown event '${event}' and no file by that name. List the events with 'douyin-push events', or pass --content '{...}' to send it anyway`,
    );
  }
  const verify = event === 'verify_webhook';
  const built = buildPush({
    event,
    content: request.content ?? entry?.content,
    secret: request.secret,
    // verify_webhook carries an empty client_key and (per the official docs) an object content.
    clientKey: request.clientKey ?? (verify ? '' : undefined),
    contentAs: verify ? 'object' : 'string',
    msgId: request.msgId ?? newMsgId(),
  });
  return { url: request.url, body: Buffer.from(built.body), headers: built.headers, event, msgId: built.msgId ?? '', copy: 0 };
}

/** Like the Msg-Id of real captures: 32 lowercase hex characters. */
function newMsgId(): string {
  return randomBytes(16).toString('hex');
}

async function asFile(target: string, cwd: string): Promise<RawFile | undefined> {
  const path = resolve(cwd, target);
  const info = await stat(path).catch(() => undefined);
  if (!info) {
    if (/[\\/]|\.json$/i.test(target)) throw new CliUsageError('send', `no such file: ${target}`);
    return undefined;
  }
  if (!info.isFile()) throw new CliUsageError('send', `${target} is not a file`);
  const bytes = await readFile(path);
  let event = '?';
  let msgId: string | undefined;
  try {
    const body = JSON.parse(bytes.toString('utf8')) as { event?: unknown; msg_id?: unknown };
    if (typeof body.event === 'string') event = body.event;
    if (typeof body.msg_id === 'string' && body.msg_id) msgId = body.msg_id;
  } catch {
    // Not JSON: sent anyway, which is how to see the receiver's 400.
  }
  return { path: target, bytes, event, msgId };
}
