import { createServer } from 'node:http';
import type KoaApp from 'koa';
import koaBodyParser from 'koa-bodyparser';
import { bodyParser as koaOrgBodyParser } from '@koa/bodyparser';
import { describe } from 'vitest';
import { douyinWebhook } from '@douyin-push/koa';
import { describeBodyParser, describeContract } from './suite.js';
import { listen } from './servers.js';
import { koaStart, quietKoa } from './starts.js';

/** The contract cases and body-parser setups for one koa major version. */
export function describeKoa(label: string, Koa: typeof KoaApp): void {
  const app = () => quietKoa(Koa);

  describeContract(label, koaStart(Koa));

  describe(`${label} with a body parser mounted first`, () => {
    describeBodyParser(
      'koa-bodyparser (keeps ctx.request.rawBody)',
      async ({ receiver, path }) => {
        const koa = app();
        koa.use(koaBodyParser());
        koa.use(douyinWebhook(receiver, { path }));
        return listen(createServer(koa.callback()));
      },
      'handled',
    );
    describeBodyParser(
      '@koa/bodyparser (keeps ctx.request.rawBody)',
      async ({ receiver, path }) => {
        const koa = app();
        koa.use(koaOrgBodyParser());
        koa.use(douyinWebhook(receiver, { path }));
        return listen(createServer(koa.callback()));
      },
      'handled',
    );
    describeBodyParser(
      'a parser that keeps only the parsed object',
      async ({ receiver, path }) => {
        const koa = app();
        koa.use(koaBodyParser());
        koa.use(async (ctx, next) => {
          delete (ctx.request as { rawBody?: unknown }).rawBody;
          await next();
        });
        koa.use(douyinWebhook(receiver, { path }));
        return listen(createServer(koa.callback()));
      },
      { code: 'RAW_BODY_UNAVAILABLE', fix: /@douyin-push\/koa: .*before the body parser/ },
    );
  });
}
