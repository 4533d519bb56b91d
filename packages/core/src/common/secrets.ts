import { configError } from './errors.js';

/**
 * The app secret(s) Douyin signs with:
 * - a string: one app;
 * - an array: key rotation, any may match;
 * - a function of the envelope's `client_key`: one service provider, many apps. Douyin fills
 *   `client_key` on `verify_webhook` too; older samples show `""` there, so return every
 *   secret you accept for URL verification when it is empty.
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
 * Validates the option and returns a resolver. A missing or empty secret does not throw here:
 * secrets are runtime configuration, and a build step (`next build`) constructs receivers
 * without them. It warns once now and fails closed at request time: the resolver throws
 * `CONFIG_INVALID` (500), so no push is accepted unverified.
 *
 * @example
 * ```ts
 * const resolve = secretResolver(process.env.DOUYIN_CLIENT_SECRET, 'createDouyinWebhooks');
 * ```
 */
export function secretResolver(secret: ClientSecret | undefined, owner = 'createDouyinWebhooks'): SecretResolver {
  if (typeof secret === 'function') {
    return async (clientKey) => normalise(await secret(clientKey));
  }
  const list = normalise(secret);
  if (list.length === 0) {
    const message = `${owner}: \`clientSecret\` is missing or empty, so every request is answered 500 CONFIG_INVALID. Pass your app's client_secret (抖音开放平台 console → your app → 开发配置 / development settings), an array of secrets, or a function of client_key.`;
    console.warn(`@douyin-push/core: ${message}`);
    return () => {
      throw configError(message);
    };
  }
  // Static secrets: no Promise, so the hot path does not wait a tick for them.
  return () => list;
}

function normalise(secret: string | readonly string[] | undefined | null): readonly string[] {
  if (secret === undefined || secret === null) return [];
  const list = typeof secret === 'string' ? [secret] : secret;
  return list.filter((s) => typeof s === 'string' && s.length > 0);
}
