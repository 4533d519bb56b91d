import { equalBytes, hexToBytes, md5, md5Hex, sha256, sha256Hex } from '../crypto/index.js';
import { toBytes } from '../common/bytes.js';

/** Query parameters in any shape: a query string (with or without `?`), URLSearchParams or a record. */
export type SpiQueryInput = string | URLSearchParams | Readonly<Record<string, string | number | readonly (string | number)[] | undefined>>;

/**
 * What Douyin hashes for an SPI call (protocol §7.2): `client_secret`, then every query
 * parameter except `sign` as `key=value` sorted by key (a repeated key's values sorted too),
 * then `http_body=<raw body>` last when the body is not empty, joined with `&`.
 * Values are the decoded ones, as Go's `url.Values` and `URLSearchParams` give them.
 *
 * @example
 * ```ts
 * const bytes = spiStringToSign('yyyyyy', 'client_key=xxxxxx&timestamp=1624293280123', '{"order_id":"123","count":1}');
 * new TextDecoder().decode(bytes);
 * // 'yyyyyy&client_key=xxxxxx&timestamp=1624293280123&http_body={"order_id":"123","count":1}'
 * ```
 */
export function spiStringToSign(secret: string, query: SpiQueryInput, rawBody: Uint8Array | ArrayBuffer | string | undefined): Uint8Array {
  const params = toParams(query);
  const keys = [...new Set(params.keys())].filter((key) => key !== 'sign').sort(compareBytewise);
  const parts = [secret];
  for (const key of keys) {
    for (const value of params.getAll(key).sort(compareBytewise)) parts.push(`${key}=${value}`);
  }
  const body = rawBody === undefined ? new Uint8Array(0) : toBytes(rawBody);
  if (body.length === 0) return toBytes(parts.join('&'));
  // The body goes in as the exact bytes received: re-encoding parsed JSON would change them.
  const head = toBytes(`${parts.join('&')}&http_body=`);
  const joined = new Uint8Array(head.byteLength + body.byteLength);
  joined.set(head);
  joined.set(body, head.byteLength);
  return joined;
}

/**
 * Both SPI signatures of one request: `xLifeSign` (the `x-life-sign` header, sha256) and
 * `legacySign` (the query `sign`, md5 of the same string), lowercase hex.
 *
 * @example
 * ```ts
 * signSpi({ secret: 'yyyyyy', query: 'client_key=xxxxxx&timestamp=1624293280123', body: '{"order_id":"123","count":1}' });
 * // { xLifeSign: 'b1370b71…b326', legacySign: 'b830f894…c8a6' }
 * ```
 */
export function signSpi(input: { secret: string; query: SpiQueryInput; body: Uint8Array | ArrayBuffer | string | undefined }): {
  xLifeSign: string;
  legacySign: string;
} {
  const str = spiStringToSign(input.secret, input.query, input.body);
  return {
    xLifeSign: sha256Hex(str),
    legacySign: md5Hex(str),
  };
}

/**
 * Checks an SPI signature against several secrets in constant time (per secret, after a
 * length check). `kind` picks the algorithm: `'x-life-sign'` (sha256, the one to use) or
 * `'legacy'` (md5 in the query `sign`, for apps that never migrated). Hex case is ignored.
 * Returns the secret that matched, or `undefined`.
 *
 * @example
 * ```ts
 * const secret = verifySpiSignature({ kind: 'x-life-sign', signature: headerValue, secrets: [s], query, body });
 * if (secret === undefined) return reply401();
 * ```
 */
export function verifySpiSignature(input: {
  kind: 'x-life-sign' | 'legacy';
  signature: string | null | undefined;
  secrets: readonly string[];
  query: SpiQueryInput;
  body: Uint8Array | ArrayBuffer | string | undefined;
}): string | undefined {
  const length = input.kind === 'x-life-sign' ? 64 : 32;
  const given = decodeHex(input.signature, length);
  if (!given) return undefined;
  const digest = input.kind === 'x-life-sign' ? sha256 : md5;
  let matched: string | undefined;
  for (const secret of input.secrets) {
    const expected = digest(spiStringToSign(secret, input.query, input.body));
    // Keep looping after a match so the time taken does not tell which secret matched.
    if (equalBytes(expected, given) && matched === undefined) matched = secret;
  }
  return matched;
}

function decodeHex(value: string | null | undefined, length: number): Uint8Array | undefined {
  if (typeof value !== 'string') return undefined;
  const hex = value.trim();
  return hex.length === length ? hexToBytes(hex) : undefined;
}

function toParams(query: SpiQueryInput): URLSearchParams {
  if (query instanceof URLSearchParams) return query;
  if (typeof query === 'string') return new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  return params;
}

// Go's sort.Strings orders by bytes; UTF-16 order differs only outside the BMP, so compare bytes.
function compareBytewise(a: string, b: string): number {
  const x = toBytes(a);
  const y = toBytes(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}
