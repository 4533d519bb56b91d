import { DouyinPushError } from './errors.js';

/**
 * The 401 for a signature that matches none of the secrets, with the usual causes spelled out
 * (the first thing a user sees when their setup is wrong).
 *
 * @example
 * ```ts
 * if (!verifySignature(rawBody, signature, secrets)) throw signatureMismatch(clientKey, secrets);
 * ```
 */
export function signatureMismatch(clientKey: string, secrets: readonly string[]): DouyinPushError {
  if (secrets.length === 0) {
    return new DouyinPushError(
      'SIGNATURE_MISMATCH',
      401,
      `No client secret is configured for client_key "${clientKey}" (the clientSecret function returned none).`,
    );
  }
  const causes = [
    'the body was parsed and re-serialised before verification (mount the receiver before any JSON body parser: the signature covers the exact bytes)',
    `the secret belongs to another app than client_key "${clientKey}"`,
  ];
  if (secrets.some((s) => s.trim() !== s)) causes.unshift('a configured secret has leading or trailing whitespace (check the environment variable)');
  return new DouyinPushError(
    'SIGNATURE_MISMATCH',
    401,
    `X-Douyin-Signature does not match sha1(client_secret + body). Likely causes: ${causes.join('; ')}.`,
  );
}
