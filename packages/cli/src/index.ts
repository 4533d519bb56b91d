/**
 * `@douyin-push/cli`: play Douyin against a local receiver. The `douyin-push` bin is the main
 * entry; this module exposes the same pieces to scripts and tests.
 *
 * @example
 * ```ts
 * import { buildPush } from '@douyin-push/core/testing';
 * import { AS_DOUYIN, deliver } from '@douyin-push/cli';
 *
 * const { body, headers } = buildPush({ event: 'life_trade_order_notify', content, secret });
 * const delivery = await deliver(
 *   { url, body: Buffer.from(body), headers, event: 'life_trade_order_notify', msgId: headers['Msg-Id'], copy: 0 },
 *   AS_DOUYIN,
 * );
 * console.log(delivery.delivered, delivery.attempts.length);
 * ```
 */
export { run } from './run.js';
export { deliver, mapLimit, type Attempt, type AttemptOutcome, type Delivery, type OutgoingPush } from './deliver.js';
export { AS_DOUYIN, ONE_SHOT, type DeliveryPolicy } from './delivery-policy.js';
export { eventCatalog, catalogEntry, type CatalogEntry } from './catalog.js';
export { processIo, type CliIo } from './io.js';
export { CliUsageError, EXIT } from './errors.js';
