import { afterAll, beforeAll, describe, it } from 'vitest';
import { FRAMEWORKS, startApp, type AppProcess } from '../reliability/bench-server.js';
import { flood, trickle } from '../reliability/slow-clients.js';

// The long version of test/reliability/slow-clients.test.ts, with the default 1 MiB limit.
const LIMIT = 1024 * 1024;

describe.each(FRAMEWORKS)('stress: slow and oversized clients: %s', (framework) => {
  let app: AppProcess;
  beforeAll(async () => {
    app = await startApp(framework, LIMIT);
  });
  afterAll(() => app?.stop());

  it('50 pushes trickled byte by byte for ~2 s do not block 300 ordinary pushes', async () => {
    await trickle(app, { slowClients: 50, byteDelayMs: 4, trickledBytes: 500, normalPushes: 300 });
  });

  it('16 clients × 64 MiB over a 1 MiB limit: dropped, not held', async () => {
    await flood(app, {
      clients: 16,
      bytesPerClient: 64 * 2 ** 20,
      chunkBytes: 64 * 1024,
      maxBodyBytes: LIMIT,
      allowedGrowthBytes: 32 * 2 ** 20,
    });
  });
});
