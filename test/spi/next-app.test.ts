import { createDouyinRoute } from '@douyin-push/next';
import { spiContract } from './contract.js';
import { serveWeb } from './web-bridge.js';

// The Next.js App Router handlers given an SPI receiver, served by a plain HTTP server that
// builds web Requests (no Next build here: the built-app run lives in test/next).
spiContract('next App Router handlers (createDouyinRoute)', (routes) =>
  serveWeb(
    Object.fromEntries(
      Object.entries(routes).map(([path, receiver]) => {
        const route = createDouyinRoute(receiver);
        return [path, (request: Request) => (request.method === 'POST' ? route.POST(request) : route.GET(request))];
      }),
    ),
  ),
);
