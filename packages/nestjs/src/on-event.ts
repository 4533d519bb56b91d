import type { DouyinEvent, DouyinHandlerName } from '@douyin-push/core';

/** Where {@link OnDouyinEvent} records the event names on a method (a plain symbol: no reflect-metadata needed). */
export const DOUYIN_HANDLER_NAMES = Symbol.for('@douyin-push/nestjs:handler-names');

type Method = ((...args: never[]) => unknown) & { [DOUYIN_HANDLER_NAMES]?: string[] };

/**
 * Marks a provider method as the handler of a Douyin push event (`'life_trade_order_notify'`)
 * or of one action of it (`'life_trade_certificate_notify.verify'`). `DouyinPushModule` finds
 * these methods when the module starts and registers them with `webhooks.on(name, …)`; the
 * method gets the typed event. A method may carry several of these.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class CertificateHandlers {
 *   @OnDouyinEvent('life_trade_certificate_notify.verify')
 *   async onVerify(event: DouyinEvent<'life_trade_certificate_notify.verify'>) {
 *     await this.orders.markUsed(event.content.certificate.certificate_id);
 *   }
 * }
 * ```
 */
export function OnDouyinEvent<N extends DouyinHandlerName>(name: N) {
  return (_target: object, _key: string | symbol, descriptor: TypedPropertyDescriptor<(event: DouyinEvent<N>) => unknown>): void => {
    const method = descriptor.value as Method | undefined;
    if (typeof method !== 'function') throw new TypeError('@douyin-push/nestjs: @OnDouyinEvent() goes on a method.');
    (method[DOUYIN_HANDLER_NAMES] ??= []).push(name);
  };
}
