import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { signSpi, spiStringToSign, verifySpiSignature } from '@douyin-push/core/spi';

interface SpiVector {
  secret: string;
  query: string;
  body: string;
  x_life_sign: string;
  legacy_sign: string;
}
const vectors = JSON.parse(readFileSync(new URL('../fixtures/signature-vectors.json', import.meta.url), 'utf8')) as { spi: SpiVector[] };

describe('SPI signature', () => {
  it.each(vectors.spi)('matches the shared vector ($x_life_sign)', (vector) => {
    const text = new TextDecoder().decode(spiStringToSign(vector.secret, vector.query, vector.body));
    expect(text).toBe('yyyyyy&client_key=xxxxxx&timestamp=1624293280123&http_body={"order_id":"123","count":1}');
    expect(signSpi({ secret: vector.secret, query: vector.query, body: vector.body })).toEqual({
      xLifeSign: vector.x_life_sign,
      legacySign: vector.legacy_sign,
    });
    const base = { secrets: ['other', vector.secret], query: vector.query, body: vector.body };
    expect(verifySpiSignature({ ...base, kind: 'x-life-sign', signature: vector.x_life_sign })).toBe(vector.secret);
    expect(verifySpiSignature({ ...base, kind: 'x-life-sign', signature: vector.x_life_sign.toUpperCase() })).toBe(vector.secret);
    expect(verifySpiSignature({ ...base, kind: 'legacy', signature: vector.legacy_sign })).toBe(vector.secret);
  });

  it('leaves out sign, sorts keys and repeated values, puts the body last', () => {
    const text = new TextDecoder().decode(spiStringToSign('s', '?b=2&a=z&a=y&sign=xx&c=', 'BODY'));
    expect(text).toBe('s&a=y&a=z&b=2&c=&http_body=BODY');
  });

  it('leaves out http_body for an empty body and uses decoded query values', () => {
    expect(new TextDecoder().decode(spiStringToSign('s', 'k=a%20b%26c', ''))).toBe('s&k=a b&c');
    expect(new TextDecoder().decode(spiStringToSign('s', {}, undefined))).toBe('s');
  });

  it('signs the raw bytes, not a re-encoding', () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x20, 0x31, 0x7d]); // {"a": 1} with a space
    const compact = signSpi({ secret: 's', query: '', body: '{"a":1}' }).xLifeSign;
    expect(signSpi({ secret: 's', query: '', body: bytes }).xLifeSign).not.toBe(compact);
  });

  it('fails closed on anything that is not a full hex digest', () => {
    const [vector] = vectors.spi;
    if (!vector) throw new Error('no SPI vector');
    const base = { kind: 'x-life-sign' as const, secrets: [vector.secret], query: vector.query, body: vector.body };
    for (const signature of [
      undefined,
      null,
      '',
      vector.x_life_sign.slice(0, 63),
      `${vector.x_life_sign.slice(0, 63)}g`,
      vector.legacy_sign,
    ]) {
      expect(verifySpiSignature({ ...base, signature })).toBeUndefined();
    }
    expect(verifySpiSignature({ ...base, signature: vector.x_life_sign, secrets: [] })).toBeUndefined();
    expect(verifySpiSignature({ ...base, signature: vector.x_life_sign, body: `${vector.body} ` })).toBeUndefined();
  });
});
