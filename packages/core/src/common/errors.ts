/**
 * Every error code the receiver can answer with. The code is stable (match on it, log it);
 * the message is for people and may change.
 *
 * @example
 * ```ts
 * webhooks.onError((error) => {
 *   if (error.code === 'SIGNATURE_MISMATCH') metrics.increment('douyin.forged');
 * });
 * ```
 */
export type DouyinErrorCode =
  | 'CONFIG_INVALID'
  | 'METHOD_NOT_ALLOWED'
  | 'BODY_TOO_LARGE'
  | 'RAW_BODY_UNAVAILABLE'
  | 'REQUEST_ABORTED'
  | 'SIGNATURE_MISSING'
  | 'SIGNATURE_MISMATCH'
  | 'INVALID_JSON'
  | 'INVALID_ENVELOPE'
  | 'INVALID_CONTENT'
  | 'DUPLICATE_IN_FLIGHT'
  | 'DEDUPE_UNAVAILABLE'
  | 'HANDLER_FAILED'
  | 'HANDLER_TIMEOUT'
  | 'INTERNAL_ERROR'
  | 'INVALID_REPLY'
  | 'INBOX_UNAVAILABLE'
  | 'SECRET_LOOKUP_FAILED'
  | 'BODY_TIMEOUT'
  | 'UNHANDLED_EVENT'
  | 'UNKNOWN_EVENT_NAME'
  | 'DEDUPE_EVICTION_POLICY'
  | 'DEDUPE_DATA_LOST'
  | 'REDIS_CONNECTION_ERROR';

// Marks errors of every copy of this package (see Symbol.hasInstance below).
const BRAND = Symbol.for('@douyin-push/error');

/**
 * The one error class of douyin-push: a stable `code` and the HTTP `status` the receiver
 * answers with. `expose` says whether `message` may be sent to the caller (never for 5xx).
 *
 * @example
 * ```ts
 * try {
 *   createDouyinWebhooks({ clientSecret: process.env.DOUYIN_CLIENT_SECRET! });
 * } catch (error) {
 *   if (error instanceof DouyinPushError && error.code === 'CONFIG_INVALID') process.exit(1);
 * }
 * ```
 */
export class DouyinPushError extends Error {
  override readonly name: string = 'DouyinPushError';
  readonly [BRAND] = true;

  // One class, even when an app loads two copies of core (its ESM and CJS builds, or two
  // versions): `instanceof DouyinPushError` checks the brand, subclasses keep the usual check.
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== DouyinPushError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  readonly code: DouyinErrorCode | (string & {});
  readonly status: number;

  /**
   * What the reply body says instead of `message`, when the message holds more than a caller
   * should see (setup hints, request data). Reports keep the full message.
   */
  readonly publicMessage: string | undefined;
  /** A report that needs attention but answered no request (an eviction policy, an unhandled event). */
  readonly warning: boolean;

  constructor(
    code: DouyinErrorCode | (string & {}),
    status: number,
    message: string,
    options?: { cause?: unknown; publicMessage?: string; warning?: boolean },
  ) {
    super(message.startsWith('@douyin-push/') ? message : `@douyin-push/core: ${message}`, options);
    this.code = code;
    this.status = status;
    const shown = options?.publicMessage;
    this.publicMessage = shown === undefined || shown.startsWith('@douyin-push/') ? shown : `@douyin-push/core: ${shown}`;
    this.warning = options?.warning ?? false;
  }

  /** Whether the message may be shown to the caller: 4xx explain themselves, 5xx stay generic. */
  get expose(): boolean {
    return this.status < 500;
  }
}

/**
 * Thrown when a handler (or several) failed: `errors` holds every failure of one push, the way
 * `AggregateError` does, and the push is answered 500 so Douyin delivers it again.
 *
 * @example
 * ```ts
 * webhooks.onError((error) => {
 *   if (error instanceof DouyinHandlerError) for (const e of error.errors) logger.error(e);
 * });
 * ```
 */
export class DouyinHandlerError extends DouyinPushError {
  override readonly name = 'DouyinHandlerError';
  readonly errors: readonly unknown[];

  constructor(errors: readonly unknown[], context: string) {
    super('HANDLER_FAILED', 500, `${errors.length} handler(s) failed for ${context}: ${errors.map(describe).join('; ')}`, {
      cause: errors[0],
    });
    this.errors = errors;
  }
}

// Bundlers may rename a class to avoid a clash (`_DouyinPushError` in logs); pin the names.
// (esbuild's keepNames would do it too, at the price of a `__name()` call for every closure.)
Object.defineProperty(DouyinPushError, 'name', { value: 'DouyinPushError' });
Object.defineProperty(DouyinHandlerError, 'name', { value: 'DouyinHandlerError' });

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Shorthand used across the packages to raise a configuration error at construction time.
 *
 * @example
 * ```ts
 * if (!options.client) throw configError('@douyin-push/redis: pass an ioredis or node-redis client');
 * ```
 */
export function configError(message: string): DouyinPushError {
  return new DouyinPushError('CONFIG_INVALID', 500, message);
}
