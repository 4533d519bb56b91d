import { toNodeListener } from '@douyin-push/core/node';
import { createDouyinSpi, spiRawReply, spiScenarios } from '@douyin-push/core/spi';
import { afterEach, describe, expect, it } from 'vitest';
import { listen, runCli } from './helpers';

const SECRET = 'spi_test_secret';
const CLIENT_KEY = 'aw_cli_test';
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A real core SPI receiver for one scenario; it records each body its handler got. */
async function spiReceiver(scenario: string) {
  const bodies: unknown[] = [];
  const spi = createDouyinSpi({
    scenario: scenario as keyof typeof spiScenarios,
    clientSecret: SECRET,
    onError: () => {},
    handler: (body: unknown) => {
      bodies.push(body);
      return spiRawReply({ error_code: 0, description: 'success', result: 1 });
    },
  } as Parameters<typeof createDouyinSpi>[0]);
  const server = await listen(toNodeListener(spi, { path: '/douyin/spi' }));
  closers.push(server.close);
  return { url: server.url.replace('/douyin/webhook', '/douyin/spi'), bodies };
}

describe('douyin-push spi against a real SPI receiver', () => {
  it('signs the call (query client_key, timestamp, sign; header x-life-sign) and prints the reply envelope', async () => {
    const receiver = await spiReceiver('fulfilment.order.tripartite_code');
    const result = await runCli([
      'spi',
      'fulfilment.order.tripartite_code',
      '--url',
      receiver.url,
      '--secret',
      SECRET,
      '--client-key',
      CLIENT_KEY,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\?client_key=aw_cli_test&timestamp=\d{13}&sign=[0-9a-f]{32}/);
    expect(result.stdout).toMatch(/x-life-sign [0-9a-f]{64}/);
    expect(result.stdout).toMatch(/✔ 200/);
    expect(result.stdout).toContain('error_code   0');
    expect(result.stdout).toContain('result       1');
    expect(receiver.bodies).toHaveLength(1);
  });

  it('every scenario `events` lists is accepted with its sample body (--json parsed)', async () => {
    const listed = JSON.parse((await runCli(['events', '--json'])).stdout) as { spi: { scenario: string }[] };
    expect(listed.spi.map((s) => s.scenario).sort()).toEqual(Object.keys(spiScenarios).sort());
    for (const { scenario } of listed.spi) {
      const receiver = await spiReceiver(scenario);
      const result = await runCli(['spi', scenario, '--url', receiver.url, '--secret', SECRET, '--client-key', CLIENT_KEY, '--json']);
      const report = JSON.parse(result.stdout);
      expect({ scenario, code: result.code, status: report.attempt.status, reply: report.reply }).toEqual({
        scenario,
        code: 0,
        status: 200,
        reply: { data: { error_code: 0, description: 'success', result: 1 } },
      });
      expect(receiver.bodies).toHaveLength(1);
    }
  });

  it('a forged secret: the 401 is shown, the handler never runs, exit 1', async () => {
    const receiver = await spiReceiver('fulfilment.order.refund_apply');
    const result = await runCli([
      'spi',
      'fulfilment.order.refund_apply',
      '--url',
      receiver.url,
      '--secret',
      'forged',
      '--client-key',
      CLIENT_KEY,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✖ 401/);
    expect(receiver.bodies).toHaveLength(0);
  });

  it('--body is sent as given; a missing --client-key is a usage error', async () => {
    const receiver = await spiReceiver('order.status_query');
    const result = await runCli([
      'spi',
      'order.status_query',
      '--url',
      receiver.url,
      '--secret',
      SECRET,
      '--client-key',
      CLIENT_KEY,
      '--body',
      '{"scene":"fulfil","order_ids":["42"]}',
    ]);
    expect(result.code).toBe(0);
    expect(receiver.bodies[0]).toMatchObject({ order_ids: ['42'] });
    const missing = await runCli(['spi', 'order.status_query', '--url', receiver.url, '--secret', SECRET]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing --client-key');
  });
});
