import { configError } from './errors.js';

/**
 * The app secret(s) Douyin signs with:
 * - a string: one app;
 * - an array: key rotation, any may match;
 * - a function of the envelope's `client_key`: one service provider, many apps. It receives
 *   `""` for `verify_webhook` (Douyin sends an empty client_key there), so return every secret
 *   you accept for URL verification in that case.
 *
 * @example
 * ```ts
 * const clientSecret: ClientSecret = async (clientKey) => (await apps.find(clientKey))?.secret;
 * ```
 */
export type ClientSecret =
  | string
  | readonly string[]
  | ((clientKey: string) => string | readonly string[] | undefined | Promise<string | readonly string[] | undefined>);

/**
 * A resolved secret lookup: static secrets are checked once, at construction.
 *
 * @example
 * ```ts
 * const secretsFor: SecretResolver = secretResolver(['new', 'old']);
 * ```
 */
export type SecretResolver = (clientKey: string) => readonly string[] | Promise<readonly string[]>;

/**
 * Validates the option and returns a resolver. A missing or empty secret throws
 * `CONFIG_INVALID` here, at construction, rather than silently accepting every push.
 *
 * @example
 * ```ts
 * const resolve = secretResolver(process.env.DOUYIN_CLIENT_SECRET, '@douyin-push/core');
 * ```
 */
export function secretResolver(secret: ClientSecret | undefined, pkg = '@douyin-push/core'): SecretResolver {
  if (typeof secret === 'function') {
    return async (clientKey) => normalise(await secret(clientKey));
  }
  const list = normalise(secret);
  if (list.length === 0) {
    throw configError(
      `${pkg}: \`clientSecret\` is missing or empty. Pass your app's client_secret (抖音开放平台 → 应用 → 开发配置), an array of secrets, or a function of client_key.`,
    );
  }
  // Static secrets: no Promise, so the hot path does not wait a tick for them.
  return () => list;
}

function normalise(secret: string | readonly string[] | undefined | null): readonly string[] {
  if (secret === undefined || secret === null) return [];
  const list = typeof secret === 'string' ? [secret] : secret;
  return list.filter((s) => typeof s === 'string' && s.length > 0);
}
