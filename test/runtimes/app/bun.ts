import { fetchHandler } from './app.js';

declare const Bun: { version: string; serve(options: object): { port: number } };

const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: (request: Request) => fetchHandler(request) });
console.log(`LISTENING ${server.port} ${Bun.version}`);
