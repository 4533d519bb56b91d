import { eventSchemas } from '@douyin-push/core';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers';

const COMMANDS = ['send', 'spi', 'sign', 'verify', 'events'];
const URL = 'http://127.0.0.1:9/douyin/webhook'; // never contacted: every case fails before sending

describe('douyin-push usage', () => {
  it('--help works for the CLI and every command, exit 0', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    for (const command of COMMANDS) expect(top.stdout).toContain(`  ${command} `);
    const variants = COMMANDS.flatMap((command) => [
      [command, '--help'],
      ['help', command],
      [command, '--bogus', '-h'],
    ]);
    const results = await Promise.all(variants.map((args) => runCli(args)));
    results.forEach((result, i) => {
      const args = variants[i]!;
      expect({ args, code: result.code }).toEqual({ args, code: 0 });
      expect(result.stdout).toContain(`Usage: douyin-push ${args.find((a) => COMMANDS.includes(a))}`);
    });
  });

  it('--version prints the package version', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    [[], 'Usage: douyin-push <command>'],
    [['sned'], "unknown command 'sned'; did you mean 'send'?"],
    [['send', 'life_trade_order_notify', '--secret', 'S'], 'missing --url'],
    [['send', 'life_trade_order_notify', '--url', URL], 'missing --secret'],
    [['send', 'life_trade_order_notify', '--url', 'ftp://x', '--secret', 'S'], '--url must be http:// or https://'],
    [['send', '--url', URL, '--secret', 'S'], 'which push?'],
    [['send', 'life_trade_order_notify', '--urll', URL], "Unknown option '--urll'"],
    [['send', 'no_such_event', '--url', URL, '--secret', 'S'], "unknown event 'no_such_event'"],
    [['send', './missing.json', '--url', URL, '--secret', 'S'], 'no such file: ./missing.json'],
    [['send', 'life_trade_order_notify', '--url', URL, '--secret', 'S', '--content', '{bad'], '--content is not valid JSON'],
    [['send', 'life_trade_order_notify', '--url', URL, '--secret', 'S', '--retries', '1.5'], '--retries must be a whole number'],
    [['send', 'life_trade_order_notify', '--url', URL, '--secret', 'S', '--count', '2', '--msg-id', 'x'], '--msg-id names one push'],
    [['send', 'verify_webhook', '--seed', '--url', URL, '--secret', 'S'], "no seed sample for 'verify_webhook'"],
    [['events', 'extra'], 'events takes no arguments'],
  ])('%j → exit 2: %s', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
  });

  it('events --json lists every event core knows, plus verify_webhook, each with a sample', async () => {
    const result = await runCli(['events', '--json']);
    expect(result.code).toBe(0);
    const { events } = JSON.parse(result.stdout) as { events: { event: string; content: unknown; source: string; seed: boolean }[] };
    expect(events.map((e) => e.event).sort()).toEqual(['verify_webhook', ...Object.keys(eventSchemas)].sort());
    expect(
      events
        .filter((e) => e.seed)
        .map((e) => e.event)
        .sort(),
    ).toEqual(['life_product_common_audit', 'life_product_status_change', 'life_trade_certificate_notify', 'life_trade_order_notify']);
    for (const entry of events) expect(typeof entry.content).toBe('object');
  });

  it('events prints a readable list', async () => {
    const result = await runCli(['events']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('life_trade_order_notify  (seed sample, raw body via --seed)');
  });
});
