import type { DouyinReceiver } from '../common/receiver.js';
import type { DouyinWebhooks } from './webhooks.js';

/**
 * Whether a receiver is the push receiver (it has the event API `on`), not an SPI one.
 *
 * @example
 * ```ts
 * if (isDouyinWebhooks(receiver)) fastify.decorate('douyin', receiver);
 * ```
 */
export function isDouyinWebhooks(receiver: DouyinReceiver): receiver is DouyinWebhooks {
  return typeof (receiver as Partial<DouyinWebhooks>).on === 'function';
}
