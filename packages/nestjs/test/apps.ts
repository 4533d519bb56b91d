/** Real Nest apps for the tests: express or fastify platform, Nest's body parser settings as given. */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Body, Controller, HttpCode, Module, Post, type DynamicModule, type INestApplication, type Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { ContractServer } from '../../../test/contract/suite.js';

export type Platform = 'express' | 'fastify';

/** The Nest body parser settings the module must work under. */
export const parserSettings = [
  { name: 'default body parser', options: {} },
  { name: 'rawBody: true', options: { rawBody: true } },
  { name: 'bodyParser: false', options: { bodyParser: false } },
] as const;

@Controller()
class EchoController {
  // An ordinary JSON route: Nest's own parser must still serve it.
  @Post('/contract/echo')
  @HttpCode(200)
  echo(@Body() body: unknown): unknown {
    return body;
  }
}

/**
 * Starts a Nest app importing `douyin` (a `DouyinPushModule.forRoot(...)`) and `providers`,
 * listening on 127.0.0.1 port 0.
 */
export async function startNest(
  platform: Platform,
  douyin: DynamicModule,
  options: { rawBody?: boolean; bodyParser?: boolean } = {},
  providers: Provider[] = [],
): Promise<ContractServer & { app: INestApplication }> {
  @Module({ imports: [douyin], controllers: [EchoController], providers })
  class AppModule {}

  const adapter = platform === 'express' ? new ExpressAdapter() : new FastifyAdapter();
  const app = await NestFactory.create(AppModule, adapter, { logger: false, ...options });
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as import('node:http').Server;
  const { port } = server.address() as AddressInfo;
  return {
    app,
    origin: `http://127.0.0.1:${port}`,
    // With bodyParser: false Nest parses nothing, so the echo route has no body to answer.
    ...(options.bodyParser === false ? {} : { echoPath: '/contract/echo' }),
    close: async () => {
      server.closeAllConnections();
      await app.close();
    },
  };
}
