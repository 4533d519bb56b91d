/**
 * Property tests of the receiver, shared by the fast suite (a few thousand cases) and the stress
 * run (over 100 000). Every case goes through `webhooks.handle()` and must:
 * - settle (a hang fails the case after {@link HANG_GUARD_MS}),
 * - answer a documented status with its documented code (never INTERNAL_ERROR),
 * - run no handler unless the request carried a valid signature of its exact bytes,
 * - for an authentic, new push answered 200, run the handlers exactly once.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sign, verifySignature, type DouyinReply } from '@douyin-push/core';
import type { HeadersInput } from '@douyin-push/core/adapter';
import { fixtures } from '@douyin-push/core/testing';
import { MAX_BODY, SECRET } from './catalogue.js';
import { countingReceiver, type CountingReceiver } from './receiver.js';

export const HANG_GUARD_MS = 5_000;

/** Every status and code a push receiver may answer with for a request (README's reply table). */
export const DOCUMENTED: Readonly<Record<number, readonly string[]>> = {
  400: ['INVALID_JSON', 'INVALID_ENVELOPE', 'INVALID_CONTENT'],
  401: ['SIGNATURE_MISSING', 'SIGNATURE_MISMATCH'],
  405: ['METHOD_NOT_ALLOWED'],
  413: ['BODY_TOO_LARGE'],
};

/** What a case sends. `headers` as a Node-style record (arrays = repeated) or a web Headers. */
interface Case {
  method: string;
  body: Uint8Array;
  signatures: string[];
  msgIds: string[];
  headerShape: 'record' | 'headers';
}

const enc = new TextEncoder();
const sha1hex = (b: Uint8Array) => createHash('sha1').update(b).digest('hex');

/** How fast-check prints a failing case: short (bodies can be 60 KB), with the body's sha1. */
function describeCase(c: Case): string {
  const text = Buffer.from(c.body).toString('utf8');
  const head = text.length > 160 ? `${text.slice(0, 120)}…(${c.body.byteLength} bytes, sha1 ${sha1hex(c.body)})…${text.slice(-40)}` : text;
  return `${c.method} ${c.headerShape} signatures=${JSON.stringify(c.signatures)} msgIds=${JSON.stringify(c.msgIds)} body=${JSON.stringify(head)}`;
}

const printable = (c: Case): Case => Object.assign(c, { [fc.toStringMethod]: () => describeCase(c) });

function toHeaders(c: Case): HeadersInput {
  if (c.headerShape === 'headers') {
    const h = new Headers({ 'content-type': 'application/json' });
    for (const s of c.signatures) h.append('x-douyin-signature', s);
    for (const m of c.msgIds) h.append('msg-id', m);
    return h;
  }
  const record: Record<string, string | string[]> = { 'content-type': 'application/json' };
  if (c.signatures.length) record['x-douyin-signature'] = c.signatures.length === 1 ? c.signatures[0]! : c.signatures;
  if (c.msgIds.length) record['msg-id'] = c.msgIds.length === 1 ? c.msgIds[0]! : c.msgIds;
  return record;
}

/** Liberal on purpose: any header value that is the right signature counts as authentic. */
function authentic(c: Case): boolean {
  const valid = sign(c.body, SECRET);
  return c.signatures.some((s) => s.toLowerCase() === valid);
}

function guard<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no reply within ${HANG_GUARD_MS} ms (hang)`)), HANG_GUARD_MS);
  });
  return Promise.race([promise, hang]).finally(() => clearTimeout(timer));
}

/** Sends one case and checks every invariant; throws (fast-check shrinks) on a violation. */
async function check(r: CountingReceiver, c: Case, tally: Map<string, number>): Promise<void> {
  const before = r.handled.length;
  const reply: DouyinReply = await guard(
    r.webhooks.handle({ method: c.method, url: '/douyin/webhook', headers: toHeaders(c), body: c.body, adapter: 'node' }),
  );
  const runs = r.handled.length - before;
  const key = reply.status === 200 ? '200' : `${reply.status} ${reply.errorCode}`;
  tally.set(key, (tally.get(key) ?? 0) + 1);
  if (reply.status !== 200) {
    const codes = DOCUMENTED[reply.status];
    if (!codes?.includes(String(reply.errorCode))) throw new Error(`undocumented reply ${reply.status} ${reply.errorCode}: ${reply.body}`);
    const body = JSON.parse(reply.body) as { code?: string };
    if (body.code !== reply.errorCode) throw new Error(`reply body code ${body.code} ≠ ${reply.errorCode}`);
    if (runs !== 0) throw new Error(`a handler ran for a ${reply.status}`);
  }
  if (!authentic(c)) {
    if (reply.status === 200) throw new Error('200 for a request without a valid signature');
    if (runs !== 0) throw new Error('a handler ran for an unauthenticated request');
  }
  if (runs > 1) throw new Error(`handlers ran ${runs} times for one push`);
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const hex40 = fc.stringMatching(/^[0-9a-f]{40}$/);
const junkHeader = fc.oneof(fc.string({ maxLength: 60 }), hex40, fc.constant(''), fc.constant('0'.repeat(40)));
const msgIds = fc.oneof(
  fc.constant([] as string[]),
  fc.array(
    fc.string({ minLength: 1, maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, '')),
    { minLength: 1, maxLength: 2 },
  ),
);
const methods = fc.oneof(
  { weight: 9, arbitrary: fc.constant('POST') },
  { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'post') },
);

/** How the signature header is set for a body: missing, valid, forged, doubled, upper-case… */
const signatureMode = fc.constantFrom(
  'missing',
  'valid',
  'valid-upper',
  'junk',
  'doubled-valid-junk',
  'doubled-junk-valid',
  'doubled-valid-valid',
  'other-secret',
);
function signaturesFor(mode: string, body: Uint8Array, junk: string): string[] {
  const valid = sign(body, SECRET);
  switch (mode) {
    case 'missing':
      return [];
    case 'valid':
      return [valid];
    case 'valid-upper':
      return [valid.toUpperCase()];
    case 'junk':
      return [junk];
    case 'doubled-valid-junk':
      return [valid, junk];
    case 'doubled-junk-valid':
      return [junk, valid];
    case 'doubled-valid-valid':
      return [valid, valid];
    default:
      return [sign(body, 'another_secret')];
  }
}

const caseOf = (body: fc.Arbitrary<Uint8Array>) =>
  fc
    .record({
      method: methods,
      body,
      mode: signatureMode,
      junk: junkHeader,
      msgIds,
      headerShape: fc.constantFrom('record' as const, 'headers' as const),
    })
    .map(({ mode, junk, ...rest }): Case => ({ ...rest, signatures: signaturesFor(mode, rest.body, junk) }));

const seeds = [...Object.values(fixtures), verifyBody(12345)].map((s) => enc.encode(s));
function verifyBody(challenge: unknown) {
  return JSON.stringify({ event: 'verify_webhook', client_key: '', content: JSON.stringify({ challenge }) });
}

/** A real push, then truncated, a byte flipped, bytes inserted or removed, invalid UTF-8 spliced in. */
const mutatedPush = fc
  .record({
    seed: fc.constantFrom(...seeds),
    op: fc.constantFrom('truncate', 'flip', 'insert', 'delete', 'invalid-utf8', 'duplicate', 'none'),
    at: fc.nat(),
    len: fc.integer({ min: 1, max: 64 }),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  })
  .map(({ seed, op, at, len, bytes }) => {
    const i = at % (seed.length + 1);
    const b = Buffer.from(seed);
    switch (op) {
      case 'truncate':
        return { original: seed, body: b.subarray(0, i) };
      case 'flip': {
        const c = Buffer.from(b);
        if (c.length) c[i % c.length]! ^= 1 << (len % 8);
        return { original: seed, body: c };
      }
      case 'insert':
        return { original: seed, body: Buffer.concat([b.subarray(0, i), bytes, b.subarray(i)]) };
      case 'delete':
        return { original: seed, body: Buffer.concat([b.subarray(0, i), b.subarray(i + len)]) };
      case 'invalid-utf8':
        return {
          original: seed,
          body: Buffer.concat([b.subarray(0, i), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xff]), b.subarray(i)]),
        };
      case 'duplicate':
        return { original: seed, body: Buffer.concat([b.subarray(0, i), b.subarray(i, i + len), b.subarray(i)]) };
      default:
        return { original: seed, body: b };
    }
  });

const deep = (depth: number, open: string, close: string, inner = '1') => open.repeat(depth) + inner + close.repeat(depth);
/** Numbers JSON.stringify cannot write: huge, tiny, long, negative zero. */
const rawNumber = fc.oneof(
  fc.constantFrom(
    '1e400',
    '-1e400',
    '1e-400',
    '-0',
    '123456789012345678901234567890123456789',
    '0.000000000000000000000000000001',
    '9007199254740993',
  ),
  fc.bigInt().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
);
/** Raw JSON text for a field: values, huge numbers, deep nesting (arrays and objects). */
const rawValue = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  rawNumber,
  fc.integer({ min: 1, max: 20_000 }).map((d) => deep(d, '[', ']')),
  fc.integer({ min: 1, max: 3_000 }).map((d) => deep(d, '{"a":', '}')),
);
const eventName = fc.oneof(
  fc.constantFrom(
    'life_trade_order_notify',
    'life_trade_certificate_notify',
    'life_product_common_audit',
    'life_product_status_change',
    'verify_webhook',
    'life_hermes_akte_after_sale_audit',
  ),
  fc.string({ maxLength: 30 }),
);
/** A whole envelope as raw text: fields of any type, content as a JSON string or raw. */
const structuredBody = fc
  .record({
    event: fc.oneof({ weight: 4, arbitrary: eventName.map((e) => JSON.stringify(e)) }, { weight: 1, arbitrary: rawValue }),
    clientKey: fc.oneof(
      { weight: 4, arbitrary: fc.string({ maxLength: 20 }).map((s) => JSON.stringify(s)) },
      { weight: 1, arbitrary: rawValue },
    ),
    content: fc.oneof(
      rawValue.map((v) => JSON.stringify(v)), // content as a JSON-encoded string, as Douyin sends it
      rawValue,
      fc.string({ maxLength: 40 }).map((s) => JSON.stringify(s)),
      // verify_webhook's challenge of any shape, up to deeply nested (core echoes it back).
      fc
        .oneof(
          fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
          fc.integer({ min: 1, max: 20_000 }).map((d) => deep(d, '[', ']')),
        )
        .map((raw) => JSON.stringify(`{"challenge":${raw}}`)),
    ),
    msgId: fc.option(fc.string({ maxLength: 40 }).map((s) => JSON.stringify(s))),
    extra: fc.option(rawValue),
  })
  .map(({ event, clientKey, content, msgId, extra }) => {
    let text = `{"event":${event},"client_key":${clientKey},"content":${content}`;
    if (msgId !== null) text += `,"msg_id":${msgId}`;
    if (extra !== null) text += `,"extra":${extra}`;
    return enc.encode(`${text}}`);
  });

// ---------------------------------------------------------------------------------------------
// Properties

export interface PropertyRun {
  name: string;
  runs: number;
  replies: Record<string, number>;
  handled: number;
}

async function runReceiverProperty(name: string, arbitrary: fc.Arbitrary<Case>, numRuns: number, seed?: number): Promise<PropertyRun> {
  const receiver = countingReceiver();
  const tally = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(arbitrary.map(printable), (c) => check(receiver, c, tally)),
    { numRuns, seed },
  );
  return { name, runs: numRuns, replies: Object.fromEntries([...tally].sort()), handled: receiver.handled.length };
}

/** Arbitrary bytes (any length up to just over the limit) with any signature and header shape. */
export const arbitraryBytes = (numRuns: number, seed?: number) =>
  runReceiverProperty(
    'arbitrary bytes, any headers',
    caseOf(
      fc.oneof(
        { weight: 20, arbitrary: fc.uint8Array({ maxLength: 2048 }) },
        { weight: 1, arbitrary: fc.integer({ min: MAX_BODY - 2, max: MAX_BODY + 2 }).map((n) => new Uint8Array(n).fill(0x7b)) },
      ),
    ),
    numRuns,
    seed,
  );

/** Real pushes mutated: the original signature never verifies the mutation; a re-signed one is judged on its content. */
export const mutatedPushes = (numRuns: number, seed?: number) =>
  runReceiverProperty(
    'truncated and mutated real pushes',
    fc
      .record({ m: mutatedPush, resign: fc.boolean(), shape: fc.constantFrom('record' as const, 'headers' as const), msgIds })
      .map(({ m, resign, shape, msgIds }): Case => ({
        method: 'POST',
        body: m.body,
        signatures: [sign(resign ? m.body : m.original, SECRET)],
        msgIds,
        headerShape: shape,
      })),
    numRuns,
    seed,
  );

/** Signed envelopes of any shape: huge numbers, deep nesting, wrong types, odd challenges. */
export const structuredEnvelopes = (numRuns: number, seed?: number) =>
  runReceiverProperty(
    'signed envelopes of any shape',
    caseOf(structuredBody).map((c) => ({ ...c, method: 'POST', signatures: [sign(c.body, SECRET)] })),
    numRuns,
    seed,
  );

/** sign() then verifySignature() round-trips for any body and secret; any change breaks it. */
export async function signRoundTrip(numRuns: number, seed?: number): Promise<PropertyRun> {
  await fc.assert(
    fc.property(
      fc.oneof(fc.uint8Array({ maxLength: 4096 }), fc.string({ unit: 'binary', maxLength: 512 })),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }),
      fc.nat({ max: 39 }),
      (body, secret, other, at) => {
        const signature = sign(body, secret);
        if (!/^[0-9a-f]{40}$/.test(signature)) return false;
        const bytes = typeof body === 'string' ? enc.encode(body) : body;
        if (sign(bytes, secret) !== signature) return false; // a string signs as its UTF-8 bytes
        if (!verifySignature(body, signature, secret)) return false;
        if (!verifySignature(bytes, signature.toUpperCase(), [other, secret])) return false;
        const flipped = signature.slice(0, at) + (signature[at] === '0' ? '1' : '0') + signature.slice(at + 1);
        if (verifySignature(body, flipped, secret)) return false;
        if (other !== secret && verifySignature(body, signature, other)) return false;
        return !verifySignature(body, sha1hex(bytes), secret) || secret === '';
      },
    ),
    { numRuns, seed },
  );
  return { name: 'sign then verify round-trips', runs: numRuns, replies: {}, handled: 0 };
}

/** All four, with `total` cases split between them (the stress run passes 100 000+). */
export async function runAll(total: number, seed?: number): Promise<PropertyRun[]> {
  const quarter = Math.ceil(total / 4);
  return [
    await arbitraryBytes(quarter, seed),
    await mutatedPushes(quarter, seed),
    await structuredEnvelopes(quarter, seed),
    await signRoundTrip(quarter, seed),
  ];
}

export function printRuns(label: string, runs: readonly PropertyRun[]): void {
  const total = runs.reduce((n, r) => n + r.runs, 0);
  console.log(`[${label}] ${total} generated cases`);
  for (const r of runs) console.log(`  ${r.name}: ${r.runs} cases, handlers ran ${r.handled}×, replies ${JSON.stringify(r.replies)}`);
}
