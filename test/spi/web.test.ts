import { spiContract } from './contract.js';
import { serveWeb } from './web-bridge.js';

// The web-standard entry (`handleRequest`) behind a real HTTP server.
spiContract('web entry (handleRequest) on node:http', (routes) =>
  serveWeb(
    Object.fromEntries(Object.entries(routes).map(([path, receiver]) => [path, (request: Request) => receiver.handleRequest(request)])),
  ),
);
