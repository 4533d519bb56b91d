import type { DynamicModule } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, HttpAdapterHost, MetadataScanner } from '@nestjs/core';
import type { DouyinReceiver, DouyinWebhooks } from '@douyin-push/core';
import { DouyinPushExplorer } from './explorer.js';

/** Injection token of the receiver: `@Inject(DOUYIN_RECEIVER) webhooks: DouyinWebhooks`. */
export const DOUYIN_RECEIVER = Symbol.for('@douyin-push/nestjs:receiver');

/**
 * `forRoot` options: the receiver (`createDouyinWebhooks(...)` or an SPI receiver) and the
 * full request path it answers: the same `(receiver, { path })` every adapter takes.
 *
 * @example
 * ```ts
 * const options: DouyinPushModuleOptions = { path: '/douyin/webhook', receiver: createDouyinWebhooks({ clientSecret }) };
 * ```
 */
export interface DouyinPushModuleOptions {
  receiver: DouyinReceiver;
  path: string;
}

/**
 * The Nest module. `forRoot` mounts the receiver at `path` and registers every provider method
 * marked with `@OnDouyinEvent()`. The path is answered on the HTTP server ahead of Nest's body
 * parsers, middleware, guards and global prefix (Douyin signs the exact bytes), so it works
 * with `rawBody` true or false and `bodyParser` on or off, on express and fastify, with the
 * receiver's `maxBodyBytes` (default 1 MiB) as the limit.
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [DouyinPushModule.forRoot({ path: '/douyin/webhook', receiver: createDouyinWebhooks({ clientSecret: process.env.DOUYIN_CLIENT_SECRET }) })],
 *   providers: [CertificateHandlers],
 * })
 * export class AppModule {}
 * ```
 */
export class DouyinPushModule {
  static forRoot(options: DouyinPushModuleOptions): DynamicModule {
    const { path, receiver } = options;
    return {
      module: DouyinPushModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: DOUYIN_RECEIVER, useValue: receiver },
        {
          provide: DouyinPushExplorer,
          useFactory: (discovery: DiscoveryService, scanner: MetadataScanner, host: HttpAdapterHost, r: DouyinReceiver | DouyinWebhooks) =>
            new DouyinPushExplorer(discovery, scanner, host, r, path),
          inject: [DiscoveryService, MetadataScanner, HttpAdapterHost, DOUYIN_RECEIVER],
        },
      ],
      exports: [DOUYIN_RECEIVER],
    };
  }
}
