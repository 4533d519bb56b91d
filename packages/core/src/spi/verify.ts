import { DouyinPushError } from '../common/errors.js';
import { readHeader } from '../common/headers.js';
import type { HeadersInput } from '../common/receiver.js';
import type { SecretResolver } from '../common/secrets.js';
import { verifySpiSignature } from './sign.js';

/**
 * Who signed an SPI request, once verified.
 *
 * @example
 * ```ts
 * const { clientKey, kind }: VerifiedSpi = await verifySpiRequest(headers, query, rawBody, { secrets, legacySign: false });
 * ```
 */
export interface VerifiedSpi {
  clientKey: string;
  kind: 'x-life-sign' | 'legacy';
}

/**
 * Checks `x-life-sign` (or, when allowed, the legacy query `sign`) over the query and the raw
 * body. For a migrated app the URL's client_key and the `x-life-clientkey` header differ and
 * Douyin's pages disagree on which app's secret signs (docs/protocol.md), so both are tried.
 *
 * @throws DouyinPushError `SIGNATURE_MISSING` / `SIGNATURE_MISMATCH` (401), `SECRET_LOOKUP_FAILED` (500).
 * @example
 * ```ts
 * const verified = await verifySpiRequest(request.headers, query, rawBody, { secrets, legacySign: false });
 * ```
 */
export async function verifySpiRequest(
  headers: HeadersInput,
  query: URLSearchParams,
  rawBody: Uint8Array,
  options: { secrets: SecretResolver; legacySign: boolean },
): Promise<VerifiedSpi> {
  const header = readHeader(headers, 'x-life-sign');
  const legacy = query.get('sign') ?? undefined;
  const kind = header ? 'x-life-sign' : options.legacySign && legacy ? 'legacy' : undefined;
  if (kind === undefined) {
    const hint = legacy && !options.legacySign ? ' (the query has a legacy `sign`; set `legacySign: true` to accept it)' : '';
    throw new DouyinPushError('SIGNATURE_MISSING', 401, `SPI request without an x-life-sign header${hint}.`);
  }
  const keys = [...new Set([query.get('client_key') ?? '', readHeader(headers, 'x-life-clientkey') ?? ''].filter(Boolean))];
  const secretOwner = new Map<string, string>();
  for (const key of keys.length > 0 ? keys : ['']) {
    let secrets: readonly string[];
    try {
      secrets = await options.secrets(key);
    } catch (error) {
      if (error instanceof DouyinPushError) throw error;
      throw new DouyinPushError('SECRET_LOOKUP_FAILED', 500, 'the clientSecret function threw.', { cause: error });
    }
    for (const secret of secrets) if (!secretOwner.has(secret)) secretOwner.set(secret, key);
  }
  const matched = verifySpiSignature({
    kind,
    signature: kind === 'x-life-sign' ? header : legacy,
    secrets: [...secretOwner.keys()],
    query,
    body: rawBody,
  });
  if (matched === undefined) {
    const shown = keys.map((k) => JSON.stringify(k.slice(0, 64))).join(' / ') || '""';
    throw new DouyinPushError(
      'SIGNATURE_MISMATCH',
      401,
      `SPI ${kind === 'x-life-sign' ? 'x-life-sign' : 'legacy query sign'} does not match (client_key ${shown}).`,
      {
        publicMessage: 'The SPI signature does not match.',
      },
    );
  }
  return { clientKey: secretOwner.get(matched) ?? '', kind };
}

/**
 * The query of a request URL (path + query, or absolute).
 *
 * @example
 * ```ts
 * queryOf('/spi?client_key=aw1&timestamp=1').get('client_key'); // 'aw1'
 * ```
 */
export function queryOf(url: string | undefined): URLSearchParams {
  if (!url) return new URLSearchParams();
  const start = url.indexOf('?');
  if (start === -1) return new URLSearchParams();
  const end = url.indexOf('#', start);
  return new URLSearchParams(url.slice(start + 1, end === -1 ? undefined : end));
}
