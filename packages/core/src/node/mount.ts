import type { DouyinReceiver } from '../shared/receiver.js';
import { createDouyinWebhooks, type DouyinWebhooks, type DouyinWebhooksOptions } from '../push/webhooks.js';

/** Where an adapter answers: a path relative to where the framework mounted it (query ignored). */
export interface MountOptions {
  /** Only this path goes to the receiver; others pass through. Default: every request it is given. */
  path?: string | undefined;
}

/** What every adapter factory takes: options for a new push receiver, or any existing receiver. */
export type ReceiverInput = DouyinReceiver | (DouyinWebhooksOptions & MountOptions);

/** The receiver behind a {@link ReceiverInput}. */
export type ReceiverOf<I extends ReceiverInput> = I extends DouyinReceiver ? I : DouyinWebhooks;

/** The handler API an adapter's middleware exposes when it mounts a push receiver. */
export interface WebhooksFacade extends Pick<DouyinWebhooks, 'on' | 'onAny' | 'onError' | 'off'> {
  /** The push receiver (share it with other routes or adapters). */
  readonly webhooks: DouyinWebhooks;
}

/** An adapter's middleware: the framework function plus `.receiver` (and `.on`… for pushes). */
export type Mounted<F, R extends DouyinReceiver> = F & { readonly receiver: R } & (R extends DouyinWebhooks
    ? WebhooksFacade
    : unknown);

/**
 * Turns what an adapter factory was given into a receiver and a path: options create a push
 * receiver with `createDouyinWebhooks` (their `path` is the adapter's); a receiver (push or SPI)
 * is used as it is, so one receiver and its dedupe store can serve several routes.
 *
 * @example
 * ```ts
 * const { receiver, path } = resolveMount({ clientSecret, path: '/douyin/webhook' });
 * const { receiver: spi } = resolveMount(createDouyinSpi({ ... }), { path: '/douyin/spi/issue' });
 * ```
 */
export function resolveMount<I extends ReceiverInput>(
  input: I,
  options: MountOptions = {},
): { receiver: ReceiverOf<I>; path: string | undefined } {
  if (isReceiver(input)) return { receiver: input as ReceiverOf<I>, path: options.path };
  const { path, ...webhooksOptions } = input as DouyinWebhooksOptions & MountOptions;
  return { receiver: createDouyinWebhooks(webhooksOptions) as ReceiverOf<I>, path: options.path ?? path };
}

/**
 * Attaches `.receiver` to an adapter's middleware, and for a push receiver `.webhooks`, `.on`,
 * `.onAny`, `.onError` and `.off`, so `douyin.on(...)` works on what `app.use()` got.
 *
 * @example
 * ```ts
 * return mountable(async (ctx, next) => { ... }, receiver);
 * ```
 */
export function mountable<F extends object, R extends DouyinReceiver>(middleware: F, receiver: R): Mounted<F, R> {
  const extra: Record<string, unknown> = { receiver };
  if (isDouyinWebhooks(receiver)) {
    Object.assign(extra, {
      webhooks: receiver,
      on: receiver.on,
      onAny: receiver.onAny,
      onError: receiver.onError,
      off: receiver.off,
    });
  }
  return Object.assign(middleware, extra) as Mounted<F, R>;
}

/**
 * The receiver behind an adapter's input: the receiver itself, or a push receiver created from
 * `createDouyinWebhooks` options.
 *
 * @example
 * ```ts
 * const receiver = resolveReceiver({ clientSecret: process.env.DOUYIN_CLIENT_SECRET! });
 * ```
 */
export function resolveReceiver<I extends ReceiverInput>(input: I): ReceiverOf<I> {
  return resolveMount(input).receiver;
}

function isReceiver(input: unknown): input is DouyinReceiver {
  return typeof (input as DouyinReceiver | undefined)?.handle === 'function';
}

/**
 * Whether a receiver is the push receiver (it has the event API `on`/`onError`), not an SPI one.
 *
 * @example
 * ```ts
 * if (isDouyinWebhooks(receiver)) fastify.decorate('douyin', receiver);
 * ```
 */
export function isDouyinWebhooks(receiver: DouyinReceiver): receiver is DouyinWebhooks {
  const r = receiver as Partial<DouyinWebhooks>;
  return typeof r.on === 'function' && typeof r.onError === 'function';
}
