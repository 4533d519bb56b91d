import { describeContract } from './suite.js';
import { serveWeb } from './servers.js';

// core's web-standard entry (`receiver.handleRequest(Request)`), as Next.js App Router, Hono,
// Bun or Deno call it; servers.ts only turns the node request into a web Request.
describeContract('web Request (handleRequest)', ({ receiver, path }) => serveWeb(receiver, path));
