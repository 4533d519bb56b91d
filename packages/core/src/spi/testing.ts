import { signSpi } from './sign.js';

/**
 * Input of {@link buildSpiRequest}.
 *
 * @example
 * ```ts
 * const input: BuildSpiRequestInput = { secret: 's', body: { order_id: '1', count: 1 } };
 * ```
 */
export interface BuildSpiRequestInput {
  /** client_secret to sign with. */
  secret: string;
  /** The body: an object (JSON-encoded) or the exact string to send. */
  body: unknown;
  /** Path the receiver is mounted at. Default `/`. */
  path?: string;
  /** The query `client_key` and `x-life-clientkey` header. Default `test_client_key`. */
  clientKey?: string;
  /** The query `timestamp` (Douyin sends ms). Default `Date.now()`. */
  timestamp?: string | number;
  /** More query parameters (signed too). */
  query?: Record<string, string | readonly string[]>;
  /** Which signatures to send. Default both, as Douyin does. */
  signatures?: 'both' | 'x-life-sign' | 'legacy' | 'none';
  /** Extra headers (override the defaults). */
  headers?: Record<string, string>;
}

/**
 * A signed SPI request for tests and local tools, signed both ways like Douyin's: the
 * `x-life-sign` header (sha256) and the legacy query `sign` (md5). Send it with `fetch`.
 *
 * @example
 * ```ts
 * const req = buildSpiRequest({ secret, path: '/douyin/spi/issue', body: { order_id: '123', count: 1 } });
 * const res = await fetch(new URL(req.url, baseUrl), req);
 * ```
 */
export function buildSpiRequest(input: BuildSpiRequestInput): {
  method: 'POST';
  /** Path and query, including `sign`. */
  url: string;
  /** The query string without `?`, including `sign`. */
  query: string;
  headers: Record<string, string>;
  body: string;
  xLifeSign: string;
  legacySign: string;
} {
  const clientKey = input.clientKey ?? 'test_client_key';
  const params = new URLSearchParams();
  params.set('client_key', clientKey);
  params.set('timestamp', String(input.timestamp ?? Date.now()));
  for (const [key, value] of Object.entries(input.query ?? {})) {
    for (const item of typeof value === 'string' ? [value] : value) params.append(key, item);
  }
  const body = typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
  const { xLifeSign, legacySign } = signSpi({ secret: input.secret, query: params, body });
  const signatures = input.signatures ?? 'both';
  if (signatures === 'both' || signatures === 'legacy') params.set('sign', legacySign);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-life-clientkey': clientKey,
    'x-bytedance-logid': `test-${Date.now()}`,
  };
  if (signatures === 'both' || signatures === 'x-life-sign') headers['x-life-sign'] = xLifeSign;
  const query = params.toString();
  return {
    method: 'POST',
    url: `${input.path ?? '/'}?${query}`,
    query,
    headers: { ...headers, ...input.headers },
    body,
    xLifeSign,
    legacySign,
  };
}
