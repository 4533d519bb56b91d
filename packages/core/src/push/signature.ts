import { sha1Hex } from '../crypto/index.js';
import { toBytes } from '../common/bytes.js';
import { DouyinPushError } from '../common/errors.js';

/**
 * Douyin's push signature: lowercase hex `sha1(client_secret ‖ raw body)`, over the bytes
 * exactly as sent (never a re-serialised JSON copy).
 *
 * @example
 * ```ts
 * const body = '{"event":"verify_webhook","client_key":"abc","content":{"challenge":12345}}';
 * sign(body, 'test_secret_123'); // 'fb7f0bfec5efd2fabbe803e03bfc6b0a186258e3'
 * ```
 */
export function sign(rawBody: Uint8Array | ArrayBuffer | string, secret: string): string {
  return sha1Hex([secret, toBytes(rawBody)]);
}

/**
 * Checks an `X-Douyin-Signature` value against one secret or several (key rotation: any may
 * match). Hex case is ignored; the compare runs in constant time after a length check.
 *
 * @example
 * ```ts
 * if (!verifySignature(rawBody, req.headers['x-douyin-signature'], [newSecret, oldSecret])) {
 *   return res.status(401).end();
 * }
 * ```
 */
export function verifySignature(
  rawBody: Uint8Array | ArrayBuffer | string,
  signature: string | null | undefined,
  secret: string | readonly string[],
): boolean {
  if (typeof signature !== 'string' || signature.length !== 40) return false;
  // Compared as lowercase hex: the same constant-time check as on bytes, without decoding.
  const given = signature.toLowerCase();
  const bytes = toBytes(rawBody);
  if (typeof secret === 'string') return equalHex(sha1Hex([secret, bytes]), given);
  for (const candidate of secret) if (equalHex(sha1Hex([candidate, bytes]), given)) return true;
  return false;
}

/** Constant-time compare of two hex strings of the same (public) length. */
function equalHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * The 401 for a signature that matches none of the secrets. The report spells out the usual
 * causes (the first thing a user sees when their setup is wrong); the reply says only that the
 * signature does not match, and neither echoes more than 64 characters of request data.
 *
 * @example
 * ```ts
 * if (!verifySignature(rawBody, signature, secrets)) throw signatureMismatch(clientKey, secrets);
 * ```
 */
export function signatureMismatch(clientKey: string, secrets: readonly string[]): DouyinPushError {
  const key = JSON.stringify(clientKey.length > 64 ? `${clientKey.slice(0, 64)}…` : clientKey);
  const publicMessage = 'X-Douyin-Signature does not match.';
  if (secrets.length === 0) {
    return new DouyinPushError(
      'SIGNATURE_MISMATCH',
      401,
      `No client secret is configured for client_key ${key} (the clientSecret function returned none).`,
      {
        publicMessage,
      },
    );
  }
  const causes = [
    'the body was parsed and re-serialised before verification (mount the receiver before any JSON body parser: the signature covers the exact bytes)',
    `the secret belongs to another app than client_key ${key}`,
    'the request was not sent by Douyin',
  ];
  if (secrets.some((s) => s.trim() !== s))
    causes.unshift('a configured secret has leading or trailing whitespace (check the environment variable)');
  return new DouyinPushError(
    'SIGNATURE_MISMATCH',
    401,
    `X-Douyin-Signature does not match sha1(client_secret + body). Likely causes: ${causes.join('; ')}.`,
    {
      publicMessage,
    },
  );
}
