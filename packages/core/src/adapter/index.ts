/**
 * `@douyin-push/core/adapter`: building blocks for packages that extend core (framework
 * adapters, the durable queue). Applications use the main entry and the adapters instead.
 *
 * @example
 * ```ts
 * import { createDouyinHandlers } from '@douyin-push/core/adapter';
 *
 * const handlers = createDouyinHandlers();
 * handlers.on('life_trade_order_notify', (event) => console.log(event.content.order.order_id));
 * ```
 *
 * @module
 */
export { createDouyinHandlers, type DouyinHandlers, type DouyinHandlersOptions } from '../push/handlers.js';
export type { DouyinInbox, InboxPush } from '../push/inbox.js';
