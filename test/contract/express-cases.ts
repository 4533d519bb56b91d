import { createServer } from 'node:http';
import type expressApp from 'express';
import { douyinWebhook } from '@douyin-push/express';
import { describeBodyParser, describeContract } from './suite.js';
import { listen } from './servers.js';
import { expressStart } from './starts.js';
import { describe } from 'vitest';

/** The contract cases and body-parser setups for one express major version. */
export function describeExpress(label: string, express: typeof expressApp): void {
  describeContract(label, expressStart(express));

  describe(`${label} with a body parser mounted first`, () => {
    describeBodyParser(
      'express.json()',
      async ({ receiver, path }) => {
        const app = express();
        app.use(express.json());
        app.use(douyinWebhook(receiver, { path }));
        return listen(createServer(app));
      },
      { code: 'RAW_BODY_UNAVAILABLE', fix: /@douyin-push\/express: .*express\.raw\(\{ type: 'application\/json' \}\)/ },
    );
    describeBodyParser(
      'express.json({ verify }) keeping req.rawBody',
      async ({ receiver, path }) => {
        const app = express();
        app.use(express.json({ verify: (req, _res, buf) => void ((req as unknown as { rawBody?: Buffer }).rawBody = buf) }));
        app.use(douyinWebhook(receiver, { path }));
        return listen(createServer(app));
      },
      'handled',
    );
    describeBodyParser(
      "express.raw({ type: 'application/json' })",
      async ({ receiver, path }) => {
        const app = express();
        app.use(express.raw({ type: 'application/json' }));
        app.use(douyinWebhook(receiver, { path }));
        return listen(createServer(app));
      },
      'handled',
    );
  });
}
