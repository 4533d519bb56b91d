import { buildSpiRequest } from '@douyin-push/core/spi';
import { httpUrl, integer, json, parse, required } from '../args.js';
import type { Command } from '../command.js';
import { deliver } from '../deliver.js';
import { CliUsageError, EXIT } from '../errors.js';
import { spiCatalog } from '../spi-catalog.js';

/**
 * `douyin-push spi`: signs an SPI call as Douyin does (query `client_key`, `timestamp`, legacy
 * `sign`; header `x-life-sign`), sends it and prints the decoded `{"data":{...}}` reply.
 * Exit 0 when the reply is HTTP 200 with `data.error_code` 0.
 *
 * @example
 * ```sh
 * douyin-push spi fulfilment.order.tripartite_code --url http://127.0.0.1:3000/douyin/spi/issue --secret S --client-key K
 * ```
 */
export const spiCommand: Command = {
  name: 'spi',
  summary: 'sign and send an SPI call, print the decoded reply envelope',
  help: `Usage: douyin-push spi <scenario> --url URL --secret S --client-key K [--body JSON]

Signs an SPI call the way Douyin does: query client_key and timestamp (ms), the legacy query
sign (md5) and the x-life-sign header (sha256 of secret & sorted query & http_body=<body>),
POSTs it, and prints the reply's data.error_code, description and business fields.
<scenario> is one of 'douyin-push events' (SPI section); its sample body is sent unless --body.

Options:
  --url URL         the SPI receiver for that scenario (one URL per scenario, as in the console)
  --secret S        the app's client_secret (also read from DOUYIN_CLIENT_SECRET)
  --client-key K    the app's client_key (query client_key and x-life-clientkey header)
  --body JSON       the request body (default: the scenario's sample)
  --timestamp T     the query timestamp (default: now, in ms)
  --timeout MS      how long to wait for the reply (default: the scenario's budget, else 10000)
  --json            print one JSON document instead
  -h, --help        show this help

Exit status: 0 reply 200 with error_code 0, 1 anything else, 2 usage error.

Example:
  douyin-push spi trade.order.pre_create_order --url http://127.0.0.1:3000/douyin/spi/pre-create \\
    --secret "$DOUYIN_CLIENT_SECRET" --client-key "$DOUYIN_CLIENT_KEY"`,
  async run(argv, ctx) {
    const { values, positionals } = parse('spi', argv, {
      url: { type: 'string' },
      secret: { type: 'string' },
      'client-key': { type: 'string' },
      body: { type: 'string' },
      timestamp: { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new CliUsageError('spi', 'name one SPI scenario (see douyin-push events)');
    const name = positionals[0]!;
    const entry = spiCatalog().find((s) => s.scenario === name);
    if (!entry && values.body === undefined) {
      throw new CliUsageError(
        'spi',
        `unknown SPI scenario '${name}'. List them with 'douyin-push events', or pass --body '{...}' to call it anyway`,
      );
    }
    const url = new URL(httpUrl('spi', values.url));
    const secret = required('spi', '--secret', values.secret ?? ctx.io.env.DOUYIN_CLIENT_SECRET, "the app's client_secret");
    const clientKey = required('spi', '--client-key', values['client-key'], "the app's client_key, sent in the query and signed");
    const body = values.body === undefined ? entry!.body : json('spi', '--body', values.body);
    const timeoutMs = integer('spi', '--timeout', values.timeout, { min: 1, max: 600_000 }) ?? entry?.budgetMs ?? 10_000;

    // The receiver's own query parameters stay and are signed too, as Douyin signs every one.
    const query: Record<string, string[]> = {};
    for (const [key, value] of url.searchParams)
      if (key !== 'client_key' && key !== 'timestamp' && key !== 'sign') (query[key] ??= []).push(value);
    const request = buildSpiRequest({
      secret,
      body,
      clientKey,
      path: url.pathname,
      query,
      ...(values.timestamp !== undefined ? { timestamp: values.timestamp } : {}),
      headers: { 'x-bytedance-logid': `douyin-push-cli-${Date.now()}` },
    });
    const target = new URL(request.url, url).href;
    const delivery = await deliver(
      { url: target, body: Buffer.from(request.body), headers: request.headers, event: name, msgId: '', copy: 0 },
      { timeoutMs, retries: 0, retryDelayMs: 0 },
    );
    const attempt = delivery.attempts[0]!;
    const envelope = decodeEnvelope(attempt.body);
    const ok = attempt.status === 200 && envelope?.data?.error_code === 0;

    if (values.json) {
      ctx.io.stdout.write(
        `${JSON.stringify({ ok, scenario: name, url: target, request: { headers: request.headers, body: request.body }, attempt, reply: envelope ?? null })}\n`,
      );
      return ok ? EXIT.ok : EXIT.failed;
    }
    const c = ctx.out;
    const lines = [`${c.dim('→')} POST ${target}`, `${c.dim('  x-life-sign')} ${request.xLifeSign}`, `${c.dim('  body')} ${request.body}`];
    if (attempt.status === undefined) {
      lines.push(`${c.yellow('⏱')} ${attempt.error} ${c.dim(`(${Math.round(attempt.latencyMs)} ms)`)}`);
    } else {
      const mark = ok ? c.green('✔') : c.red('✖');
      lines.push(
        `${mark} ${(attempt.status === 200 ? c.green : c.red)(String(attempt.status))} ${c.dim(`${Math.round(attempt.latencyMs)} ms`)}`,
      );
      if (envelope?.data) {
        const { error_code, description, ...fields } = envelope.data;
        lines.push(
          `  error_code   ${error_code === 0 ? c.green(String(error_code)) : c.red(JSON.stringify(error_code))}${typeof error_code === 'string' ? c.yellow('  (a string: Douyin wants a number)') : ''}`,
        );
        lines.push(`  description  ${JSON.stringify(description)}`);
        for (const [key, value] of Object.entries(fields)) lines.push(`  ${key.padEnd(12)} ${JSON.stringify(value)}`);
      } else if (attempt.status === 200) {
        lines.push(
          `  ${c.yellow('not an SPI envelope')} ${c.dim('(Douyin expects {"data":{"error_code":0,...}})')}: ${attempt.body || c.dim('(empty reply)')}`,
        );
      } else {
        lines.push(`  ${attempt.body || c.dim('(empty reply)')}`);
      }
    }
    ctx.io.stdout.write(`${lines.join('\n')}\n`);
    return ok ? EXIT.ok : EXIT.failed;
  },
};

function decodeEnvelope(
  text: string | undefined,
): { data?: Record<string, unknown> & { error_code?: unknown; description?: unknown } } | undefined {
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed !== null && typeof parsed === 'object' ? (parsed as { data?: Record<string, unknown> }) : undefined;
  } catch {
    return undefined;
  }
}
