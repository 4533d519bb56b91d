import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sign, verifySignature } from '@douyin-push/core';

interface Vectors {
  webhook: { secret: string; body: string; signature: string }[];
}
const local = JSON.parse(readFileSync(new URL('./fixtures/signature-vectors.json', import.meta.url), 'utf8')) as Vectors;

describe('signature known-answer vectors', () => {
  it.each(local.webhook.map((v, i) => [i, v] as const))('vector %i: sign() gives the published signature', (_i, v) => {
    expect(sign(v.body, v.secret)).toBe(v.signature);
    expect(sign(new TextEncoder().encode(v.body), v.secret)).toBe(v.signature);
    expect(sign(new TextEncoder().encode(v.body).buffer as ArrayBuffer, v.secret)).toBe(v.signature);
  });

  it.each(local.webhook.map((v, i) => [i, v] as const))('vector %i: verifySignature() accepts it, any hex case', (_i, v) => {
    expect(verifySignature(v.body, v.signature, v.secret)).toBe(true);
    expect(verifySignature(v.body, v.signature.toUpperCase(), v.secret)).toBe(true);
  });
});

describe('verifySignature', () => {
  const body = '{"event":"life_product_status_change","content":"{}"}';
  const good = sign(body, 'secret-a');

  it('rejects a wrong secret, a changed body, a missing or malformed signature', () => {
    expect(verifySignature(body, good, 'secret-b')).toBe(false);
    expect(verifySignature(`${body} `, good, 'secret-a')).toBe(false);
    expect(verifySignature(body, undefined, 'secret-a')).toBe(false);
    expect(verifySignature(body, '', 'secret-a')).toBe(false);
    expect(verifySignature(body, good.slice(0, 39), 'secret-a')).toBe(false);
    expect(verifySignature(body, `${good}00`, 'secret-a')).toBe(false);
    expect(verifySignature(body, 'z'.repeat(40), 'secret-a')).toBe(false);
  });

  it('accepts any secret of a rotation list', () => {
    expect(verifySignature(body, good, ['secret-new', 'secret-a'])).toBe(true);
    expect(verifySignature(body, good, ['secret-new', 'secret-old'])).toBe(false);
    expect(verifySignature(body, good, [])).toBe(false);
  });

  it('hashes the bytes as received: Chinese text, escaped unicode and whitespace are not normalised', () => {
    const bodies = [
      '{"event":"x","reason":"图片不清晰", "n":1}',
      '{"event":"x","reason":"\\u56fe\\u7247"}',
      '{ "event": "x",\n  "content": "{}" }\r\n',
    ];
    for (const raw of bodies) {
      const signature = sign(raw, 'k');
      expect(verifySignature(raw, signature, 'k')).toBe(true);
      // The same JSON value, serialised differently, is another message to the signature.
      const reserialised = JSON.stringify(JSON.parse(raw));
      expect(reserialised).not.toBe(raw);
      expect(verifySignature(reserialised, signature, 'k')).toBe(false);
    }
    // UTF-8 bytes, not UTF-16 code units, are hashed: the string and its bytes agree.
    const chinese = bodies[0]!;
    expect(sign(Buffer.from(chinese, 'utf8'), 'k')).toBe(sign(chinese, 'k'));
  });
});
