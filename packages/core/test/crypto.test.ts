import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  equalBytes,
  findNodeCrypto,
  hashBackend,
  hexToBytes,
  hmacSha256Hex,
  nodeHashes,
  nodeHmac,
  pureHashes,
  pureHmac,
  sha1,
  sha1Hex,
  type Hashes,
  type Hmac,
} from '../src/crypto/index.js';

interface Vectors {
  webhook: { secret: string; body: string; signature: string }[];
  spi: { secret: string; query: string; body: string; x_life_sign: string; legacy_sign: string }[];
}
const vectors = JSON.parse(readFileSync(new URL('./fixtures/signature-vectors.json', import.meta.url), 'utf8')) as Vectors;
const bytes = (text: string) => new TextEncoder().encode(text);

/** str1 of protocol §7.2, built by hand from the vector (secret, sorted query without sign, http_body). */
function spiString(v: Vectors['spi'][number]): string {
  const params = [...new URLSearchParams(v.query)]
    .filter(([key]) => key !== 'sign')
    .map(([k, val]) => `${k}=${val}`)
    .sort();
  return [v.secret, ...params, `http_body=${v.body}`].join('&');
}

const nodeCrypto = findNodeCrypto();
const backends: [string, Hashes & Hmac][] = [
  ['node:crypto', { ...nodeHashes(nodeCrypto!), ...nodeHmac(nodeCrypto!) }],
  ['pure (@noble/hashes)', { ...pureHashes, ...pureHmac }],
];

it('finds node:crypto on Node 20.16+ without a static import, and uses it', () => {
  expect(nodeCrypto).toBeDefined();
  expect(hashBackend).toBe('node');
});

describe.each(backends)('%s', (_name, h) => {
  it.each(vectors.webhook.map((v, i) => [i, v] as const))('push vector %i: sha1(secret ‖ body)', (_i, v) => {
    expect(h.sha1Hex([v.secret, v.body])).toBe(v.signature);
    expect(h.sha1Hex([bytes(v.secret), bytes(v.body)])).toBe(v.signature);
    expect(h.sha1Hex(v.secret + v.body)).toBe(v.signature);
    const digest = h.sha1([v.secret, bytes(v.body)]);
    expect(digest).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(digest)).toBe(false);
    expect(equalBytes(digest, hexToBytes(v.signature)!)).toBe(true);
  });

  it.each(vectors.spi.map((v, i) => [i, v] as const))('SPI vector %i: x-life-sign (sha256) and legacy sign (md5)', (_i, v) => {
    const str1 = spiString(v);
    expect(h.sha256Hex(str1)).toBe(v.x_life_sign);
    expect(h.md5Hex(str1)).toBe(v.legacy_sign);
    expect(equalBytes(h.sha256(bytes(str1)), hexToBytes(v.x_life_sign)!)).toBe(true);
    expect(equalBytes(h.md5(bytes(str1)), hexToBytes(v.legacy_sign)!)).toBe(true);
  });

  it('gives the published digests of the standard test strings', () => {
    expect(h.sha1Hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(h.sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(h.md5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    // RFC 4231 test case 2
    expect(h.hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(h.hmacSha256Hex(bytes('Jefe'), [bytes('what do ya '), 'want for nothing?'])).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('agrees with node:crypto on random bytes, whatever the split into parts', () => {
    for (let i = 0; i < 50; i++) {
      const data = new Uint8Array(randomBytes(i * 37));
      const cut = Math.floor(data.length / 3);
      const parts = [data.subarray(0, cut), data.subarray(cut)];
      expect(h.sha1Hex(parts)).toBe(createHash('sha1').update(data).digest('hex'));
      expect(h.sha256Hex(parts)).toBe(createHash('sha256').update(data).digest('hex'));
      expect(h.md5Hex(parts)).toBe(createHash('md5').update(data).digest('hex'));
      expect(h.hmacSha256Hex('k', parts)).toBe(createHmac('sha256', 'k').update(data).digest('hex'));
    }
  });

  it('agrees on a string and bytes in parts of every size, below and above the 16 KB the node backend joins at (above it, and where there is no Buffer, it streams)', () => {
    const secret = 'sécret-密钥';
    for (const size of [0, 1, 16 * 1024 - 20, 16 * 1024, 16 * 1024 + 1, 70_000]) {
      const data = new Uint8Array(randomBytes(size));
      const expected = createHash('sha1').update(secret, 'utf8').update(data).digest('hex');
      expect(h.sha1Hex([secret, data])).toBe(expected);
      expect(h.sha1Hex([secret, data.subarray(0, size >> 1), data.subarray(size >> 1)])).toBe(expected);
    }
  });
});

describe('hexToBytes', () => {
  it('decodes either case and refuses anything that is not hex', () => {
    expect(hexToBytes('FB7f00')).toEqual(new Uint8Array([0xfb, 0x7f, 0x00]));
    expect(hexToBytes('')).toEqual(new Uint8Array(0));
    for (const bad of ['f', 'zz', 'fb7g', '0x', ' f', 'fb7f0', 'ｆｆ']) expect(hexToBytes(bad), bad).toBeUndefined();
  });
});

describe('equalBytes', () => {
  it('is true only for the same bytes of the same length', () => {
    expect(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
    expect(equalBytes(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });
});

describe('a runtime without node:crypto (workerd without nodejs_compat, edge-runtime)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('falls back to the pure hashes, with the same answers', async () => {
    vi.stubGlobal('process', { ...process, getBuiltinModule: undefined });
    expect(findNodeCrypto()).toBeUndefined();
    vi.resetModules();
    const fresh = await import('../src/crypto/index.js');
    expect(fresh.hashBackend).toBe('pure');
    const v = vectors.webhook[0]!;
    expect(fresh.sha1Hex([v.secret, v.body])).toBe(v.signature);
  });

  it('falls back when there is no process at all, or getBuiltinModule throws', () => {
    vi.stubGlobal('process', undefined);
    expect(findNodeCrypto()).toBeUndefined();
    vi.stubGlobal('process', {
      getBuiltinModule: () => {
        throw new Error('no such module');
      },
    });
    expect(findNodeCrypto()).toBeUndefined();
  });
});

it('the default exports are the selected backend', () => {
  expect(sha1Hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  expect(Buffer.isBuffer(sha1('abc'))).toBe(false);
  expect(hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
});
