import { fetchHandler } from './app.js';

declare const Deno: { version: { deno: string }; serve(options: object, handler: (request: Request) => Promise<Response>): unknown };

Deno.serve(
  { hostname: '127.0.0.1', port: 0, onListen: ({ port }: { port: number }) => console.log(`LISTENING ${port} ${Deno.version.deno}`) },
  (request) => fetchHandler(request),
);
