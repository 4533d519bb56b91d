import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { expect, it } from 'vitest';
import { listen } from './servers.js';

// The CJS build once held one DouyinPushError class per entry (index.cjs, node.cjs), so errors
// thrown by the node layer were not recognised by a receiver from index.cjs (500 instead of 413).
// Runs against the built dist: `pnpm test` builds first.
const require = createRequire(import.meta.url);
it('CJS: a receiver from index.cjs understands the node layer errors (413, RAW_BODY_UNAVAILABLE)', async () => {
  const core = require('../../packages/core/dist/index.cjs');
  const { douyinWebhook } = require('../../packages/express/dist/index.cjs');
  const express = require('express');
  const app = express();
  app.use(douyinWebhook(core.createDouyinWebhooks({ clientSecret: 's', maxBodyBytes: 10 }), { path: '/big' }));
  app.use(express.json());
  app.use(douyinWebhook(core.createDouyinWebhooks({ clientSecret: 's' }), { path: '/parsed' }));
  const server = await listen(createServer(app));
  try {
    const big = await fetch(`${server.origin}/big`, { method: 'POST', body: 'x'.repeat(11) });
    expect(big.status).toBe(413);
    const parsed = await fetch(`${server.origin}/parsed`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect((await parsed.json()).code).toBe('RAW_BODY_UNAVAILABLE');
  } finally {
    await server.close();
  }
});
