import type { Server } from 'node:http';
import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { DiscoveryService, HttpAdapterHost, MetadataScanner } from '@nestjs/core';
import type { DouyinHandlerName, DouyinReceiver } from '@douyin-push/core';
import { isDouyinWebhooks } from '@douyin-push/core/adapter';
import { DOUYIN_HANDLER_NAMES } from './on-event.js';
import { answerOnServer } from './server-hook.js';

/**
 * Runs when the Nest module starts: registers every `@OnDouyinEvent()` provider method with the
 * receiver and answers the path on the app's HTTP server; undoes both when the app closes.
 *
 * @example
 * ```ts
 * // Built by DouyinPushModule.forRoot(); not used directly.
 * new DouyinPushExplorer(discovery, scanner, adapterHost, receiver, '/douyin/webhook');
 * ```
 */
export class DouyinPushExplorer implements OnModuleInit, OnModuleDestroy {
  private readonly undo: (() => void)[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly adapterHost: HttpAdapterHost,
    private readonly receiver: DouyinReceiver,
    private readonly path: string,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | null | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const key of this.scanner.getAllMethodNames(prototype)) {
        const method = instance[key] as { [DOUYIN_HANDLER_NAMES]?: string[] } & ((event: unknown) => unknown);
        for (const name of method[DOUYIN_HANDLER_NAMES] ?? [])
          this.register(name as DouyinHandlerName, (event) => method.call(instance, event));
      }
    }
    // No HTTP server in a standalone application context (createApplicationContext): handlers only.
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (server) this.undo.push(answerOnServer(server, this.receiver, this.path));
  }

  onModuleDestroy(): void {
    for (const undo of this.undo.splice(0)) undo();
  }

  private register(name: DouyinHandlerName, handler: (event: unknown) => unknown): void {
    // An SPI receiver has its own handler: @OnDouyinEvent methods belong to the push receiver(s).
    if (!isDouyinWebhooks(this.receiver)) return;
    this.undo.push(this.receiver.on(name, handler));
  }
}
