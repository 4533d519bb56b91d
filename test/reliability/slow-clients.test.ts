import { afterAll, beforeAll, describe, it } from 'vitest';
import { FRAMEWORKS, startApp, type AppProcess } from './bench-server.js';
import { flood, trickle } from './slow-clients.js';

// The quick version (test/stress runs it bigger). Each adapter in its own process.
const LIMIT = 64 * 1024;

describe.each(FRAMEWORKS)('slow and oversized clients: %s', (framework) => {
  let app: AppProcess;
  beforeAll(async () => {
    app = await startApp(framework, LIMIT);
  });
  afterAll(() => app?.stop());

  it('a push trickled byte by byte does not block other pushes', async () => {
    await trickle(app, { slowClients: 5, byteDelayMs: 2, trickledBytes: 150, normalPushes: 20 });
  });

  it('bodies far over the limit are dropped, not held', async () => {
    await flood(app, {
      clients: 4,
      bytesPerClient: 8 * 2 ** 20,
      chunkBytes: 64 * 1024,
      maxBodyBytes: LIMIT,
      allowedGrowthBytes: 16 * 2 ** 20,
    });
  });
});
