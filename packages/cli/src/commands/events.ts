import { parse } from '../args.js';
import { eventCatalog } from '../catalog.js';
import type { Command } from '../command.js';
import { CliUsageError } from '../errors.js';
import { spiCatalog } from '../spi-catalog.js';

/**
 * `douyin-push events`: the events `send` knows by name and the SPI scenarios `spi` knows,
 * each with the sample it sends.
 *
 * @example
 * ```sh
 * douyin-push events --json | jq -r '.events[].event'
 * ```
 */
export const eventsCommand: Command = {
  name: 'events',
  summary: 'list the known events and SPI scenarios, each with a sample',
  help: `Usage: douyin-push events [--json]

Lists every webhook event 'douyin-push send <event>' can build, with the sample content it
sends when --content is not given and where that sample comes from, then the SPI scenarios
'douyin-push spi <scenario>' can call, each with its sample body.

Options:
  --json       print {"events": [...], "spi": [...]}
  -h, --help   show this help`,
  async run(argv, ctx) {
    const { values, positionals } = parse('events', argv, { json: { type: 'boolean' } });
    if (positionals.length > 0) throw new CliUsageError('events', `events takes no arguments, got: ${positionals.join(' ')}`);
    const events = eventCatalog();
    const spi = spiCatalog();
    if (values.json) {
      ctx.io.stdout.write(`${JSON.stringify({ events, spi })}\n`);
      return 0;
    }
    const c = ctx.out;
    const lines = [c.bold(`Webhook events (${events.length})`) + c.dim('  send one: douyin-push send <event> --url URL --secret S'), ''];
    for (const entry of events) {
      const known = Object.keys(entry.content).length > 0;
      lines.push(`  ${c.bold(entry.event)}  ${c.dim(`(${entry.source}${entry.seed ? ', raw body via --seed' : ''})`)}`);
      lines.push(`    ${known ? JSON.stringify(entry.content) : c.dim('{}  pass --content to send real fields')}`);
    }
    lines.push('');
    if (spi.length === 0) {
      lines.push(c.dim('SPI scenarios: none available in this build of @douyin-push/core.'));
    } else {
      lines.push(
        c.bold(`SPI scenarios (${spi.length})`) + c.dim('  call one: douyin-push spi <scenario> --url URL --secret S --client-key K'),
        '',
      );
      for (const entry of spi) {
        lines.push(`  ${c.bold(entry.scenario)}  ${c.dim(entry.description)}`);
        lines.push(`    ${JSON.stringify(entry.body)}`);
      }
    }
    ctx.io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
