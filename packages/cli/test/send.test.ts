import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDouyinWebhooks, sign, type DouyinAnyEvent } from '@douyin-push/core';
import { toNodeListener } from '@douyin-push/core/node';
import { fixtures } from '@douyin-push/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { ANSI, listen, readBody, runCli } from './helpers';

const SECRET = 'cli_test_secret';
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A real core receiver on node:http; `handled` holds each push whose handler succeeded. */
async function coreReceiver(handler: (event: DouyinAnyEvent) => void | Promise<void> = () => {}) {
  const webhooks = createDouyinWebhooks({ clientSecret: SECRET, onSchemaMismatch: () => {} });
  const handled: DouyinAnyEvent[] = [];
  let calls = 0;
  // The failures are the point of some tests; keep them out of the test log.
  webhooks.onError(() => {});
  webhooks.onAny(async (event) => {
    calls++;
    await handler(event);
    handled.push(event);
  });
  const server = await listen(toNodeListener(webhooks, { path: '/douyin/webhook' }));
  closers.push(server.close);
  return { url: server.url, handled, calls: () => calls };
}

describe('douyin-push send against a real receiver', () => {
  it('delivers a signed push: 200, latency and reply shown, handled once, exit 0', async () => {
    const receiver = await coreReceiver();
    const result = await runCli(['send', 'life_trade_order_notify', '--url', receiver.url, '--secret', SECRET]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✔ 200 +\d+ ms {2}life_trade_order_notify {2}msg [0-9a-f]{8}…/);
    expect(result.stdout).toContain('1 of 1 delivered');
    expect(receiver.handled).toHaveLength(1);
    expect(receiver.handled[0]!.content).toMatchObject({ action: 'pay_success', order: { order_id: '1065946966824669548' } });
  });

  it('shows the 401 of a forged secret, exits 1, and no handler runs', async () => {
    const receiver = await coreReceiver();
    const result = await runCli(['send', 'life_trade_order_notify', '--url', receiver.url, '--secret', 'not_the_secret']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✖ 401 .*SIGNATURE_MISMATCH/);
    expect(result.stdout).toContain('1 of 1 not delivered');
    expect(receiver.calls()).toBe(0);
  });

  it('--as-douyin: a handler that fails twice then succeeds gets three attempts, handled once', async () => {
    let failures = 0;
    const receiver = await coreReceiver(() => {
      if (failures < 2) {
        failures++;
        throw new Error(`flaky failure ${failures}`);
      }
    });
    const result = await runCli(['send', 'life_trade_certificate_notify', '--url', receiver.url, '--secret', SECRET, '--as-douyin']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n').filter((line) => /attempt \d\/4/.test(line));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/✖ 500 .*attempt 1\/4 .*retry in 500 ms/);
    expect(lines[1]).toMatch(/✖ 500 .*attempt 2\/4 .*retry in 500 ms/);
    expect(lines[2]).toMatch(/✔ 200 .*attempt 3\/4/);
    expect(lines[2]).not.toContain('retry');
    expect(result.stdout).toContain('3 attempt(s), 2 retries');
    expect(receiver.calls()).toBe(3);
    expect(receiver.handled).toHaveLength(1);
  });

  it('--as-douyin --json: a handler failing every time gets 1 + 3 retries, parsed from JSON', async () => {
    const receiver = await coreReceiver(() => {
      throw new Error('always down');
    });
    const result = await runCli(['send', 'life_product_status_change', '--url', receiver.url, '--secret', SECRET, '--as-douyin', '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      ok: false,
      policy: { timeoutMs: 3000, retries: 3, retryDelayMs: 500 },
      summary: { pushes: 1, delivered: 0, failed: 1, attempts: 4, retries: 3 },
    });
    const [push] = report.pushes;
    expect(push).toMatchObject({ event: 'life_product_status_change', duplicate: 0, delivered: false });
    expect(push.msgId).toMatch(/^[0-9a-f]{32}$/);
    expect(push.attempts.map((a: { status: number }) => a.status)).toEqual([500, 500, 500, 500]);
    expect(push.attempts.map((a: { retryInMs?: number }) => a.retryInMs)).toEqual([500, 500, 500, undefined]);
    expect(JSON.parse(push.attempts[0].body)).toMatchObject({ code: 'HANDLER_FAILED' });
    expect(receiver.calls()).toBe(4);
    expect(receiver.handled).toHaveLength(0);
  });

  it('--as-douyin: a receiver slower than 3 s is reported as a timeout and retried', async () => {
    let requests = 0;
    const timers: NodeJS.Timeout[] = [];
    const server = await listen(async (req, res) => {
      await readBody(req);
      requests++;
      // Only the first answer is slow, so the test pays the 3 s budget once.
      if (requests === 1) timers.push(setTimeout(() => res.end('{"ok":true}'), 3_500));
      else res.end('{"ok":true}');
    });
    closers.push(async () => {
      timers.forEach(clearTimeout);
      await server.close();
    });
    const result = await runCli(['send', 'life_trade_order_notify', '--url', server.url, '--secret', SECRET, '--as-douyin']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n').filter((line) => /attempt \d\/4/.test(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/⏱ timeout .*attempt 1\/4 {2}no answer within 3000 ms {2}→ retry in 500 ms/);
    expect(lines[1]).toMatch(/✔ 200 .*attempt 2\/4/);
    expect(requests).toBe(2);
  });

  it('--duplicates: the same Msg-Id again is answered 200 and handled once', async () => {
    const receiver = await coreReceiver();
    const result = await runCli([
      'send',
      'life_trade_order_notify',
      '--url',
      receiver.url,
      '--secret',
      SECRET,
      '--duplicates',
      '2',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.pushes.map((p: { duplicate: number }) => p.duplicate)).toEqual([0, 1, 2]);
    expect(new Set(report.pushes.map((p: { msgId: string }) => p.msgId)).size).toBe(1);
    expect(report.pushes.every((p: { attempts: { status: number }[] }) => p.attempts[0]!.status === 200)).toBe(true);
    expect(receiver.handled).toHaveLength(1);
  });

  it('--count with --concurrency sends distinct pushes in parallel, each handled', async () => {
    const receiver = await coreReceiver();
    const result = await runCli([
      'send',
      'life_product_common_audit',
      '--url',
      receiver.url,
      '--secret',
      SECRET,
      '--count',
      '20',
      '--concurrency',
      '5',
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).summary).toMatchObject({ pushes: 20, delivered: 20, attempts: 20 });
    expect(new Set(receiver.handled.map((e) => e.msgId)).size).toBe(20);
  });

  it('--seed sends the seed body byte for byte, signed, with its msg_id as Msg-Id', async () => {
    const seen: { body: Buffer; headers: Record<string, unknown> }[] = [];
    const server = await listen(async (req, res) => {
      seen.push({ body: await readBody(req), headers: req.headers });
      res.end();
    });
    closers.push(server.close);
    const result = await runCli(['send', 'life_trade_order_notify', '--seed', '--url', server.url, '--secret', SECRET]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('(empty reply)');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body.toString('utf8')).toBe(fixtures.life_trade_order_notify);
    expect(seen[0]!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-douyin-signature': sign(fixtures.life_trade_order_notify, SECRET),
      'msg-id': '13cedde5b8decd82f5c2267a60edd7ad',
    });
  });

  it('sends a file byte for byte (trailing newline included) and a core receiver accepts it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'douyin-cli-'));
    closers.push(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'push.json');
    const body = `${fixtures.life_trade_certificate_notify}\n`;
    await writeFile(file, body);
    const receiver = await coreReceiver();
    const result = await runCli(['send', file, '--url', receiver.url, '--secret', SECRET, '--msg-id', 'file-msg-1']);
    expect(result.code).toBe(0);
    expect(receiver.handled).toHaveLength(1);
    expect(Buffer.from(receiver.handled[0]!.rawBody).toString('utf8')).toBe(body);
    expect(receiver.handled[0]!.msgId).toBe('file-msg-1');
  });

  it('answers a verify_webhook challenge: the reply echoes it', async () => {
    const receiver = await coreReceiver();
    const result = await runCli(['send', 'verify_webhook', '--url', receiver.url, '--secret', SECRET, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(JSON.parse(result.stdout).pushes[0].attempts[0].body)).toEqual({ challenge: 12345 });
  });

  it('every event `events` lists is sent and accepted by core (samples match the schemas)', async () => {
    const receiver = await coreReceiver();
    const listed = JSON.parse((await runCli(['events', '--json'])).stdout) as { events: { event: string }[] };
    const results = await Promise.all(
      listed.events.map(({ event }) => runCli(['send', event, '--url', receiver.url, '--secret', SECRET, '--json'])),
    );
    results.forEach((result, i) => {
      const { event } = listed.events[i]!;
      expect({ event, code: result.code, stderr: result.stderr }).toEqual({ event, code: 0, stderr: '' });
    });
    expect(receiver.handled.map((e) => e.name).sort()).toEqual(
      listed.events
        .map((e) => e.event)
        .filter((e) => e !== 'verify_webhook')
        .sort(),
    );
    expect(receiver.handled.every((e) => e.schemaIssues === undefined)).toBe(true);
  });

  it('a receiver that is not running: a clear network error, exit 1', async () => {
    const server = await listen((_req, res) => res.end());
    const url = server.url;
    await server.close();
    const result = await runCli(['send', 'life_trade_order_notify', '--url', url, '--secret', SECRET]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✖ error .*connection refused/);
  });

  it('colour only when asked for: none when piped, none with NO_COLOR even if forced', async () => {
    const receiver = await coreReceiver();
    const args = ['send', 'life_trade_order_notify', '--url', receiver.url, '--secret', SECRET];
    expect((await runCli(args)).stdout).not.toMatch(ANSI);
    expect((await runCli(args, { env: { FORCE_COLOR: '1' } })).stdout).toMatch(ANSI);
    expect((await runCli(args, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toMatch(ANSI);
  });
});
