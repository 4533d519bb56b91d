/**
 * The app every runtime serves: core's web entry `receiver.handleRequest(request)` and nothing
 * else between the runtime's server and core. It mounts the contract kit's receiver at the
 * contract path, an SPI receiver beside it, and serves what the kit's handlers recorded at
 * /contract-state (the suite reads it over HTTP, as for the built Next.js app).
 */
import { CONTRACT_PATH, CONTRACT_SECRET, createContractKit } from '../../contract/kit.js';
import { createDouyinSpi } from '@douyin-push/core/spi';
// Internal to core (not a public entry): only so the log line can say which hashes ran.
import { hashBackend } from '../../../packages/core/src/crypto/index.js';

export const SPI_PATH = '/douyin/spi/status';

const kit = createContractKit();
const spi = createDouyinSpi({
  scenario: 'order.status_query',
  clientSecret: CONTRACT_SECRET,
  handler: (query) => ({ orders: query.order_ids.map((order_id) => ({ order_id, order_status: 1 })) }),
});

type WaitUntil = (promise: Promise<unknown>) => void;

/** One fetch handler, for `Bun.serve`, `Deno.serve`, a Workers module or edge-runtime's fetch event. */
export async function fetchHandler(request: Request, waitUntil?: WaitUntil): Promise<Response> {
  const { pathname } = new URL(request.url);
  const extra = waitUntil ? { waitUntil } : undefined;
  if (pathname === CONTRACT_PATH) return kit.webhooks.handleRequest(request, extra);
  if (pathname === SPI_PATH) return spi.handleRequest(request, extra);
  if (pathname === '/contract-state') return Response.json(kit.state);
  if (pathname === '/runtime-info') return Response.json({ hashes: hashBackend });
  return new Response('not found', { status: 404 });
}
