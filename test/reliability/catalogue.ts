/**
 * The catalogue of bad inputs: each row a request that must be refused with a documented status
 * and code, and never reach a handler. Bodies are signed with {@link SECRET} unless the row is
 * about the signature. The receiver under test has a 64 KiB body limit ({@link MAX_BODY}).
 */
import { createHash } from 'node:crypto';
import { sign } from '@douyin-push/core';

export const SECRET = 'reliability_secret_01';
export const PATH = '/douyin/webhook';
export const MAX_BODY = 64 * 1024;

export interface BadInput {
  name: string;
  method?: string;
  headers: Record<string, string | string[]>;
  body?: Uint8Array | string | readonly (Uint8Array | string)[];
  status: number;
  code: string;
}

const push = (msgId: string) =>
  JSON.stringify({
    event: 'life_trade_certificate_notify',
    client_key: 'aw_catalogue',
    from_user_id: '',
    content: JSON.stringify({
      action: 'verify',
      msg_time: 1679914989,
      certificate: { certificate_id: '1', order_id: '2', account_id: '3' },
    }),
    log_id: 'log-1',
    msg_id: msgId,
  });

const json = { 'content-type': 'application/json' };
/** Headers of a body signed correctly. */
const signed = (body: Uint8Array | string, extra: Record<string, string | string[]> = {}) => ({
  ...json,
  'x-douyin-signature': sign(body, SECRET),
  'msg-id': `cat-${Math.random()}`,
  ...extra,
});
const withSig = (signature: string | string[]) => ({ ...json, 'x-douyin-signature': signature });
const sha1 = (s: string | Uint8Array) => createHash('sha1').update(s).digest('hex');
const env = (fields: Record<string, unknown>) => JSON.stringify({ client_key: 'aw_catalogue', log_id: 'l', ...fields });
const signedRow = (name: string, body: string | Uint8Array, status: number, code: string): BadInput => ({
  name,
  headers: signed(body),
  body,
  status,
  code,
});
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

/** Builds the rows (fresh Msg-Ids each call, so a row never counts as a duplicate). */
export function catalogue(): BadInput[] {
  const b = push(`cat-${Math.random()}`);
  const other = push('another-push');
  const big = 'x'.repeat(MAX_BODY + 1);
  const chunk = 'y'.repeat(16 * 1024);
  return [
    // The signature
    { name: 'no X-Douyin-Signature', headers: json, body: b, status: 401, code: 'SIGNATURE_MISSING' },
    { name: 'empty X-Douyin-Signature', headers: withSig(''), body: b, status: 401, code: 'SIGNATURE_MISSING' },
    {
      name: 'misspelled header X-Douyin-Sign',
      headers: { ...json, 'x-douyin-sign': sign(b, SECRET) },
      body: b,
      status: 401,
      code: 'SIGNATURE_MISSING',
    },
    { name: 'signed with another secret', headers: withSig(sign(b, 'not_the_secret')), body: b, status: 401, code: 'SIGNATURE_MISMATCH' },
    {
      name: 'signed with the secret plus a space',
      headers: withSig(sign(b, `${SECRET} `)),
      body: b,
      status: 401,
      code: 'SIGNATURE_MISMATCH',
    },
    { name: 'sha1(body) without the secret', headers: withSig(sha1(b)), body: b, status: 401, code: 'SIGNATURE_MISMATCH' },
    { name: 'sha1(body ‖ secret), the wrong order', headers: withSig(sha1(b + SECRET)), body: b, status: 401, code: 'SIGNATURE_MISMATCH' },
    {
      name: 'sha256 instead of sha1',
      headers: withSig(
        createHash('sha256')
          .update(SECRET + b)
          .digest('hex'),
      ),
      body: b,
      status: 401,
      code: 'SIGNATURE_MISMATCH',
    },
    {
      name: 'base64 instead of hex',
      headers: withSig(
        createHash('sha1')
          .update(SECRET + b)
          .digest('base64'),
      ),
      body: b,
      status: 401,
      code: 'SIGNATURE_MISMATCH',
    },
    { name: 'signature one hex char short', headers: withSig(sign(b, SECRET).slice(1)), body: b, status: 401, code: 'SIGNATURE_MISMATCH' },
    { name: 'signature one char too long', headers: withSig(`${sign(b, SECRET)}0`), body: b, status: 401, code: 'SIGNATURE_MISMATCH' },
    { name: '40 non-hex chars', headers: withSig('z'.repeat(40)), body: b, status: 401, code: 'SIGNATURE_MISMATCH' },
    { name: 'all-zero signature', headers: withSig('0'.repeat(40)), body: b, status: 401, code: 'SIGNATURE_MISMATCH' },
    {
      name: 'signature of another push (replayed header)',
      headers: withSig(sign(other, SECRET)),
      body: b,
      status: 401,
      code: 'SIGNATURE_MISMATCH',
    },
    {
      name: 'valid signature, one body byte changed',
      headers: withSig(sign(b, SECRET)),
      body: b.replace('log-1', 'log-2'),
      status: 401,
      code: 'SIGNATURE_MISMATCH',
    },
    {
      name: 'valid signature, newline appended to the body',
      headers: withSig(sign(b, SECRET)),
      body: `${b}\n`,
      status: 401,
      code: 'SIGNATURE_MISMATCH',
    },
    {
      name: 'signature of the re-serialised (pretty) JSON',
      headers: withSig(sign(JSON.stringify(JSON.parse(b), null, 2), SECRET)),
      body: b,
      status: 401,
      code: 'SIGNATURE_MISMATCH',
    },
    {
      name: 'X-Douyin-Signature doubled, valid + forged',
      headers: withSig([sign(b, SECRET), sign(b, 'forged')]),
      body: b,
      status: 401,
      code: 'SIGNATURE_MISMATCH',
    },
    {
      name: 'X-Douyin-Signature doubled, forged + valid',
      headers: withSig([sign(b, 'forged'), sign(b, SECRET)]),
      body: b,
      status: 401,
      code: 'SIGNATURE_MISMATCH',
    },
    // Bodies signed correctly that are not a push
    signedRow('empty body', '', 400, 'INVALID_JSON'),
    signedRow('body "null"', 'null', 400, 'INVALID_JSON'),
    signedRow('body is a JSON array', '[{"event":"x"}]', 400, 'INVALID_JSON'),
    signedRow('body is a JSON string', '"{\\"event\\":\\"x\\"}"', 400, 'INVALID_JSON'),
    signedRow('body is a number', '123', 400, 'INVALID_JSON'),
    signedRow('truncated JSON', b.slice(0, b.length - 7), 400, 'INVALID_JSON'),
    signedRow(
      'invalid UTF-8 inside a string',
      Buffer.concat([Buffer.from('{"event":"x","content":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]),
      400,
      'INVALID_JSON',
    ),
    signedRow('UTF-16LE encoded JSON', Buffer.from(b, 'utf16le'), 400, 'INVALID_JSON'),
    signedRow('form-urlencoded body', 'event=life_trade_order_notify&content=x', 400, 'INVALID_JSON'),
    signedRow('NUL bytes', Buffer.alloc(64), 400, 'INVALID_JSON'),
    signedRow('JSON with a trailing comma', '{"event":"x",}', 400, 'INVALID_JSON'),
    signedRow('single-quoted pseudo-JSON', "{'event':'x'}", 400, 'INVALID_JSON'),
    signedRow('30 000 nested arrays', deep(30_000), 400, 'INVALID_JSON'),
    signedRow('{} without event', '{}', 400, 'INVALID_ENVELOPE'),
    signedRow('event is an empty string', env({ event: '', content: '{}' }), 400, 'INVALID_ENVELOPE'),
    signedRow('event is a number', env({ event: 42, content: '{}' }), 400, 'INVALID_ENVELOPE'),
    signedRow('event is null', env({ event: null, content: '{}' }), 400, 'INVALID_ENVELOPE'),
    signedRow('event is 1e400 (a huge number)', '{"event":1e400,"content":"{}"}', 400, 'INVALID_ENVELOPE'),
    signedRow('event is a deeply nested array', `{"event":${deep(10_000)}}`, 400, 'INVALID_ENVELOPE'),
    signedRow(
      'client_key is a number',
      JSON.stringify({ event: 'life_trade_order_notify', client_key: 7, content: '{}' }),
      400,
      'INVALID_ENVELOPE',
    ),
    signedRow('msg_id is an object', env({ event: 'life_trade_order_notify', content: '{}', msg_id: { id: 1 } }), 400, 'INVALID_ENVELOPE'),
    signedRow('content string is not JSON', env({ event: 'life_trade_order_notify', content: '{not json' }), 400, 'INVALID_CONTENT'),
    signedRow(
      'content string is truncated JSON',
      env({ event: 'life_trade_order_notify', content: '{"order":{"order_id":"1"' }),
      400,
      'INVALID_CONTENT',
    ),
    signedRow(
      'content string with invalid escapes',
      env({ event: 'life_trade_order_notify', content: '{"a":"\\x41"}' }),
      400,
      'INVALID_CONTENT',
    ),
    signedRow('verify_webhook without challenge', env({ event: 'verify_webhook', client_key: '', content: '{}' }), 400, 'INVALID_CONTENT'),
    // Echoing a challenge this deep overflows JSON.stringify's stack: it must be refused as
    // bad content, not end in a 500 (found by the fuzz suite).
    signedRow(
      'verify_webhook with a 10 000-deep challenge',
      env({ event: 'verify_webhook', client_key: '', content: `{"challenge":${deep(10_000)}}` }),
      400,
      'INVALID_CONTENT',
    ),
    signedRow(
      'verify_webhook with content "null"',
      env({ event: 'verify_webhook', client_key: '', content: 'null' }),
      400,
      'INVALID_CONTENT',
    ),
    // Methods and sizes
    { name: 'GET', method: 'GET', headers: {}, status: 405, code: 'METHOD_NOT_ALLOWED' },
    { name: 'PUT with a valid signed push', method: 'PUT', headers: signed(b), body: b, status: 405, code: 'METHOD_NOT_ALLOWED' },
    { name: 'PATCH with a valid signed push', method: 'PATCH', headers: signed(b), body: b, status: 405, code: 'METHOD_NOT_ALLOWED' },
    { name: 'DELETE', method: 'DELETE', headers: {}, status: 405, code: 'METHOD_NOT_ALLOWED' },
    { name: 'body one byte over the limit, with content-length', headers: signed(big), body: big, status: 413, code: 'BODY_TOO_LARGE' },
    {
      name: 'body over the limit, chunked (no content-length)',
      headers: withSig('0'.repeat(40)),
      body: Array.from({ length: 8 }, () => chunk),
      status: 413,
      code: 'BODY_TOO_LARGE',
    },
    {
      name: '10 MB chunked body',
      headers: withSig('0'.repeat(40)),
      body: Array.from({ length: 640 }, () => chunk),
      status: 413,
      code: 'BODY_TOO_LARGE',
    },
    {
      name: 'content-length announcing 1 GB',
      headers: { ...signed(b), 'content-length': String(2 ** 30) },
      body: [b],
      status: 413,
      code: 'BODY_TOO_LARGE',
    },
  ];
}
