/**
 * Slow and oversized clients against a receiver in its own process:
 * - trickle: pushes sent one byte at a time; meanwhile ordinary pushes to the same server must
 *   all be answered (the event loop is not held by a slow client);
 * - flood: bodies far over the limit streamed at once by several clients; the server's memory
 *   must stay far below what was sent (a body is dropped once it crosses the limit).
 * Shared by the fast suite and the stress run (bigger numbers). Prints what it measured.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { BENCH_SECRET, benchPush } from './bench-push.js';
import { held, type AppProcess } from './bench-server.js';
import { sendRaw, streamRaw } from './send.js';

export interface TrickleOptions {
  slowClients: number;
  /** Delay between two bytes. */
  byteDelayMs: number;
  /** Bytes of each trickled push sent one at a time (the rest go in one piece at the end). */
  trickledBytes: number;
  normalPushes: number;
}

let counter = 0;
const nextId = (tag: string) => `${tag}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2)}`;

export async function trickle(app: AppProcess, o: TrickleOptions): Promise<void> {
  const before = (await app.stats()).pushes;
  let trickling = o.slowClients;
  const slow = Array.from({ length: o.slowClients }, async () => {
    const push = benchPush(nextId('slow'));
    const bytes = [...push.body.subarray(0, o.trickledBytes)].map((b) => Uint8Array.of(b));
    const reply = await sendRaw(app.origin, {
      headers: push.headers,
      body: [...bytes, push.body.subarray(o.trickledBytes)],
      chunkDelayMs: o.byteDelayMs,
    });
    trickling--;
    return reply;
  });
  // Ordinary pushes while the slow ones are still arriving.
  const normal = [];
  for (let i = 0; i < o.normalPushes; i++) {
    const push = benchPush(nextId('normal'));
    normal.push(
      await sendRaw(app.origin, { headers: push.headers, body: push.body }).then((r) => ({ status: r.status, whileTrickling: trickling })),
    );
  }
  const slowReplies = await Promise.all(slow);
  const stillTrickling = normal.filter((n) => n.whileTrickling === o.slowClients).length;
  console.log(
    `[trickle ${app.framework}] ${o.slowClients} clients × ${o.trickledBytes} bytes one at a time (${o.byteDelayMs} ms apart): ` +
      `${normal.length} ordinary pushes answered, ${stillTrickling} of them while every slow client was still sending; slow pushes → ${[...new Set(slowReplies.map((r) => r.status))].join(',')}`,
  );
  expect(normal.map((n) => n.status)).toEqual(normal.map(() => 200));
  // Not blocked: the ordinary pushes were served while the slow bodies were still incomplete.
  expect(stillTrickling).toBe(normal.length);
  expect(slowReplies.map((r) => r.status)).toEqual(slowReplies.map(() => 200));
  expect((await app.stats()).pushes - before).toBe(o.slowClients + o.normalPushes);
}

export interface FloodOptions {
  clients: number;
  bytesPerClient: number;
  chunkBytes: number;
  maxBodyBytes: number;
  /** The assertion: the server never held more than this above its baseline. */
  allowedGrowthBytes: number;
}

export async function flood(app: AppProcess, o: FloodOptions): Promise<void> {
  const chunk = new Uint8Array(o.chunkBytes).fill(0x20);
  const chunks = Array.from({ length: Math.ceil(o.bytesPerClient / o.chunkBytes) }, () => chunk);
  // `live`: the server collects garbage first, so only memory it still holds counts.
  const baseline = held((await app.stats(true)).memory);
  let peak = baseline;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, held((await app.stats(true)).memory));
      await sleep(5);
    }
  })();
  let replies;
  let after;
  try {
    const headers = { 'content-type': 'application/json', 'x-douyin-signature': '0'.repeat(40) };
    replies = await Promise.all(Array.from({ length: o.clients }, () => streamRaw(app.origin, '/douyin/webhook', headers, chunks)));
    // And the server still answers ordinary pushes right after.
    const push = benchPush(nextId('after-flood'));
    after = await sendRaw(app.origin, { headers: push.headers, body: push.body });
  } finally {
    sampling = false;
    await sampler;
  }
  const offered = o.clients * chunks.length * o.chunkBytes;
  const written = replies.reduce((n, r) => n + r.bytesWritten, 0);
  console.log(
    `[flood ${app.framework}] ${o.clients} clients × ${(o.bytesPerClient / 2 ** 20).toFixed(0)} MiB chunked at a ${o.maxBodyBytes / 1024} KiB limit: ` +
      `replies ${[...new Set(replies.map((r) => `${r.status} ${r.code}`))].join(', ')}; ${(written / 2 ** 20).toFixed(1)} of ${(offered / 2 ** 20).toFixed(0)} MiB written before the 413 arrived; ` +
      `live heap+buffers peak +${((peak - baseline) / 2 ** 20).toFixed(1)} MiB over baseline`,
  );
  expect(replies.map((r) => r.code)).toEqual(replies.map(() => 'BODY_TOO_LARGE'));
  expect(after.status).toBe(200);
  expect(peak - baseline).toBeLessThan(o.allowedGrowthBytes);
}

export { BENCH_SECRET };
