// One benchmark server: `node bench/servers/app.mjs <framework> <variant> [maxBodyBytes]`.
//   framework: node | express5 | express4 | koa3 | koa2 | fastify | web
//   variant:   adapter (the douyin-push adapter) | hand (hand-written receiver) | bare (reads the body only)
//              | adapter:no-dedupe | adapter:no-schema | adapter:msgid-key (the adapter with one part of
//              its work taken out, to price that part in this server: bench/README.md, "What the
//              adapter's CPU goes to")
// Prints {"ready": port} on stdout. GET /__stats answers pushes served, this process's CPU time
// (process.cpuUsage) and GC pause time since the last GET /__reset, and its memory, so CPU is
// measured inside the server only. GET /__prefill fills the variant's dedupe store to 100 000
// ids (memoryDedupe's default max; the hand-written Map has the same bound), so measuring starts
// in the steady state of a long-running receiver: every new push evicts one id.
import { hash } from 'node:crypto';
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
// DOUYIN_CORE_DIST=<dir of a built core>: serve node/web from a patched core (before/after runs).
const dist = process.env.DOUYIN_CORE_DIST;
const { createDouyinWebhooks } = await import(dist ? pathToFileURL(`${dist}/index.js`).href : '@douyin-push/core');
const { toNodeListener } = await import(dist ? pathToFileURL(`${dist}/node.js`).href : '@douyin-push/core/node');
import { OK_BODY, createHandReceiver, prefillStore } from '../lib/hand.mjs';
import { CLIENT_KEY, PATH, SECRET } from '../lib/push.mjs';
import { webListener } from '../lib/web-glue.mjs';

const [framework, variant, maxArg] = process.argv.slice(2);
const maxBodyBytes = Number(maxArg ?? 1024 * 1024);
let pushes = 0;
let since = process.cpuUsage();
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ['gc'] });

// The adapter minus one part of its work, for pricing that part (never a default anywhere).
const isAdapter = variant.startsWith('adapter');
const WITHOUT = {
  'adapter:no-dedupe': { dedupe: false },
  // A schema that accepts any content as it is: no zod on the hot path.
  'adapter:no-schema': { schemas: { life_trade_certificate_notify: { safeParse: (data) => ({ success: true, data }) } } },
  // The hand-written receiver's identity (client_key + Msg-Id), without the content digest.
  'adapter:msgid-key': { dedupeKey: (event) => `${event.clientKey}:${event.msgId}` },
  // The default key as built before 2026-12-04: the same digest, joined by a template literal,
  // which V8 keeps as a tree of pieces (bench/README.md, "the default dedupe key is one flat string").
  'adapter:template-key': {
    dedupeKey: (event) => {
      const { clientKey, name, msgId } = event;
      const prefix = `${clientKey.length}:${clientKey}${name.length}:${name}`;
      return `${msgId}:${hash('sha1', prefix + event.envelope.content, 'hex').slice(0, 16)}`;
    },
  },
};
if (!/^hand:garbage\d+$/.test(variant) && !['adapter', 'hand', 'bare', ...Object.keys(WITHOUT)].includes(variant))
  throw new Error(`unknown variant ${variant}`);
const webhooks = createDouyinWebhooks({
  clientSecret: SECRET,
  ...WITHOUT[variant],
  maxBodyBytes,
  onSchemaMismatch: (event, issues) => process.stderr.write(`schema mismatch ${event.name}: ${JSON.stringify(issues)}\n`),
});
webhooks.onAny(() => {
  pushes++;
});
webhooks.onError((error) => {
  if (error.status >= 500) process.stderr.write(`${error.code}: ${error.message}\n`);
});
const hand = createHandReceiver({
  secret: SECRET,
  handler: () => {
    pushes++;
  },
});
const bare = () => {
  pushes++;
  return 200;
};
/** The body work of a variant, on the raw bytes and the two headers. */
// `hand:garbage<N>`: the hand-written receiver plus about N bytes of short-lived objects per push
// (40-byte objects, kept until the push is answered, so no optimizer drops them), to price what
// allocation alone costs on this machine (bench/README.md, "What fastify's remaining 5 µs are made of").
const garbageBytes = variant.startsWith('hand:garbage') ? Number(variant.slice('hand:garbage'.length)) : 0;
let garbageObjects = 0;
const handWork = (bytes, h) => hand(bytes, h['x-douyin-signature'], h['msg-id']);
const work =
  variant === 'hand'
    ? handWork
    : garbageBytes
      ? async (bytes, h) => {
          const garbage = [];
          for (let i = 0; i < garbageBytes; i += 40) garbage.push({ a: i, b: i, c: i, d: i, e: i, f: i, g: i });
          const status = await handWork(bytes, h);
          garbageObjects += garbage.length;
          return status;
        }
      : bare;

function readRaw(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function build() {
  if (framework === 'node') {
    if (isAdapter) return toNodeListener(webhooks, { path: PATH });
    // What an integrator writes on bare node:http: collect the chunks, answer when handled.
    return (req, res) => {
      if (req.method !== 'POST' || req.url !== PATH) {
        res.writeHead(404).end();
        return;
      }
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', async () => {
        const status = await work(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), req.headers);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': OK_BODY.length }).end(OK_BODY);
      });
    };
  }
  if (framework === 'express5' || framework === 'express4') {
    const express = (await import(framework === 'express5' ? 'express' : 'express4')).default;
    const app = express();
    if (isAdapter) {
      const { douyinWebhook } = await import('@douyin-push/express');
      app.use(douyinWebhook(webhooks, { path: PATH }));
    } else {
      app.post(PATH, express.raw({ type: () => true, limit: maxBodyBytes }), async (req, res) => {
        res.status(await work(req.body, req.headers)).json({ ok: true });
      });
    }
    return app;
  }
  if (framework === 'koa3' || framework === 'koa2') {
    const Koa = (await import(framework === 'koa3' ? 'koa' : 'koa2')).default;
    const app = new Koa();
    app.silent = true;
    if (isAdapter) {
      const { douyinWebhook } = await import('@douyin-push/koa');
      app.use(douyinWebhook(webhooks, { path: PATH }));
    } else {
      app.use(async (ctx, next) => {
        if (ctx.path !== PATH || ctx.method !== 'POST') return next();
        ctx.status = await work(await readRaw(ctx.req), ctx.headers);
        ctx.body = { ok: true };
      });
    }
    return app.callback();
  }
  if (framework === 'fastify') {
    const Fastify = (await import('fastify')).default;
    let handler;
    const app = Fastify({ serverFactory: (h) => ((handler = h), createServer()) });
    if (isAdapter) {
      const { douyinPush } = await import('@douyin-push/fastify');
      await app.register(douyinPush, { receiver: webhooks, path: PATH });
    } else {
      await app.register(async (scope) => {
        scope.removeAllContentTypeParsers();
        scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBodyBytes }, (_req, body, done) => done(null, body));
        scope.post(PATH, async (request, reply) => {
          reply.code(await work(request.body, request.headers));
          return { ok: true };
        });
      });
    }
    await app.ready();
    return handler;
  }
  if (framework === 'web') {
    if (isAdapter) return webListener(PATH, (request) => webhooks.handleRequest(request));
    return webListener(PATH, async (request) => {
      const bytes = new Uint8Array(await request.arrayBuffer());
      const h = { 'x-douyin-signature': request.headers.get('x-douyin-signature'), 'msg-id': request.headers.get('msg-id') };
      return Response.json({ ok: true }, { status: await work(bytes, h) });
    });
  }
  throw new Error(`unknown framework ${framework}`);
}

const app = await build();
const server = createServer((req, res) => {
  // GET /__profile/start, then /__profile/stop?to=<file>: a V8 CPU profile of the measured
  // window only (no start-up, no prefill, no warm-up), in the format `node --cpu-prof` writes.
  if (req.url.startsWith('/__profile/')) {
    profileControl(new URL(req.url, 'http://x')).then(() => res.writeHead(200).end('{}'));
    return;
  }
  if (req.url === '/__prefill') {
    const filled = variant.startsWith('hand')
      ? Promise.resolve(hand.prefill(CLIENT_KEY))
      : isAdapter && webhooks.dedupe
        ? prefillStore(webhooks.dedupe, CLIENT_KEY)
        : Promise.resolve();
    filled.then(() => res.writeHead(200).end(JSON.stringify({ size: webhooks.dedupe?.size })));
    return;
  }
  if (req.url === '/__stats' || req.url === '/__reset' || req.url === '/__stats?gc') {
    // `?gc` (with --expose-gc): collect first, so memory counts only what is still held.
    if (req.url === '/__stats?gc') globalThis.gc?.();
    const cpu = process.cpuUsage(since);
    const body = JSON.stringify({
      pushes,
      cpuUs: cpu.user + cpu.system,
      systemUs: cpu.system,
      gcMs,
      garbageObjects,
      memory: process.memoryUsage(),
    });
    if (req.url === '/__reset') {
      pushes = 0;
      gcMs = 0;
      since = process.cpuUsage();
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    return;
  }
  app(req, res);
});
server.keepAliveTimeout = 60_000;

let session;
async function profileControl(url) {
  if (url.pathname === '/__profile/start') {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    // 100 µs: the default 1 ms sees too few samples of functions that take a few µs per push.
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
  } else {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(url.searchParams.get('to'), JSON.stringify(profile));
    session.disconnect();
  }
}
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ ready: server.address().port })}\n`));
process.on('SIGTERM', () => process.exit(0));
