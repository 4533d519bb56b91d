/**
 * `@douyin-push/nestjs`: receive Douyin Local Life pushes (and SPI calls) in a NestJS app, on
 * `@nestjs/platform-express` or `@nestjs/platform-fastify`, whatever the body parser settings.
 *
 * @example
 * ```ts
 * import { Injectable, Module } from '@nestjs/common';
 * import type { DouyinEvent } from '@douyin-push/core';
 * import { DouyinPushModule, OnDouyinEvent } from '@douyin-push/nestjs';
 *
 * @Injectable()
 * class CertificateHandlers {
 *   @OnDouyinEvent('life_trade_certificate_notify.verify')
 *   onVerify(event: DouyinEvent<'life_trade_certificate_notify.verify'>) {
 *     console.log(event.content.certificate.certificate_id);
 *   }
 * }
 *
 * @Module({
 *   imports: [DouyinPushModule.forRoot({ path: '/douyin/webhook', receiver: createDouyinWebhooks({ clientSecret: process.env.DOUYIN_CLIENT_SECRET }) })],
 *   providers: [CertificateHandlers],
 * })
 * export class AppModule {}
 * ```
 *
 * @packageDocumentation
 */
export { DouyinPushModule, DOUYIN_RECEIVER, type DouyinPushModuleOptions } from './module.js';
export { OnDouyinEvent, DOUYIN_HANDLER_NAMES } from './on-event.js';
export { DouyinPushExplorer } from './explorer.js';
export { answerOnServer } from './server-hook.js';
