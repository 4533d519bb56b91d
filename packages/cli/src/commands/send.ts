import { httpUrl, integer, json, parse, required } from '../args.js';
import type { Command } from '../command.js';
import { deliver, mapLimit, type Delivery } from '../deliver.js';
import { AS_DOUYIN, ONE_SHOT, type DeliveryPolicy } from '../delivery-policy.js';
import { CliUsageError, EXIT } from '../errors.js';
import { attemptLine, summarize, summaryLines } from '../format.js';
import { preparePushes } from '../prepare-push.js';

/**
 * `douyin-push send`: builds, signs and sends pushes the way Douyin does, and reports every
 * attempt. Exit 0 when every push got HTTP 200, 1 when one did not, 2 on a usage error.
 *
 * @example
 * ```sh
 * douyin-push send life_trade_order_notify --url http://127.0.0.1:3000/douyin --secret S --as-douyin
 * ```
 */
export const sendCommand: Command = {
  name: 'send',
  summary: 'build, sign and send a push to your receiver',
  help: `Usage: douyin-push send <event|file> --url URL --secret S [options]

Builds the push Douyin would send (POST, Content-Type: application/json, Msg-Id,
X-Douyin-Signature = sha1(secret + body)), sends it, and prints one line per attempt: status,
latency and the reply. <event> is an event name from 'douyin-push events' (sent with its sample
content unless --content is given); <file> is a raw push body, sent and signed byte for byte.

Options:
  --url URL          the receiver, e.g. http://127.0.0.1:3000/douyin/webhook
  --secret S         the app's client_secret (also read from DOUYIN_CLIENT_SECRET)
  --content JSON     the content object (sent JSON-encoded in "content", as Douyin does)
  --client-key K     the envelope's client_key
  --seed             send the event's seed sample (the raw body from Douyin's docs) byte for
                     byte, signed with your secret; 'douyin-push events' marks which have one
  --msg-id ID        the Msg-Id header (default: 32 random hex characters, or the file's msg_id)
  --as-douyin        Douyin's delivery rules: 3 s timeout, retry 500 ms later on anything but
                     200 (or a timeout), at most 3 retries, so up to 4 attempts
  --timeout MS       per-attempt timeout (default 10000, or 3000 with --as-douyin)
  --retries N        retries after a failed attempt (default 0, or 3 with --as-douyin)
  --duplicates N     send each push N more times with the same bytes and Msg-Id, the way
                     Douyin redelivers (the receiver must answer 200 and not handle it again)
  --count N          send N distinct pushes (each with its own Msg-Id)
  --concurrency N    deliveries in flight at once (default 1: one after the other)
  --json             print one JSON document (for scripts) instead of lines
  -h, --help         show this help

A push counts as delivered only on HTTP 200, as for Douyin. Exit status: 0 every push
delivered, 1 some push not delivered, 2 usage error.

Examples:
  douyin-push send life_trade_order_notify --url http://127.0.0.1:3000/douyin/webhook --secret S
  douyin-push send life_trade_certificate_notify --content '{"action":"verify","msg_time":1700000000,"certificate":{"order_id":"1","certificate_id":"2","account_id":"3"}}' --url ... --secret S
  douyin-push send life_trade_order_notify --seed --url ... --secret S --as-douyin --duplicates 1
  douyin-push send ./push.json --url ... --secret S
  douyin-push send life_trade_order_notify --url ... --secret S --count 200 --concurrency 20 --json`,
  async run(argv, ctx) {
    const { values, positionals } = parse('send', argv, {
      url: { type: 'string' },
      secret: { type: 'string' },
      content: { type: 'string' },
      'client-key': { type: 'string' },
      'msg-id': { type: 'string' },
      seed: { type: 'boolean' },
      'as-douyin': { type: 'boolean' },
      timeout: { type: 'string' },
      retries: { type: 'string' },
      duplicates: { type: 'string' },
      count: { type: 'string' },
      concurrency: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1) {
      throw new CliUsageError(
        'send',
        positionals.length === 0
          ? 'which push? name an event (see douyin-push events) or a file'
          : `expected one event or file, got: ${positionals.join(' ')}`,
      );
    }
    const url = httpUrl('send', values.url);
    const secret = required('send', '--secret', values.secret ?? ctx.io.env.DOUYIN_CLIENT_SECRET, "the app's client_secret");
    const base = values['as-douyin'] ? AS_DOUYIN : ONE_SHOT;
    const policy: DeliveryPolicy = {
      timeoutMs: integer('send', '--timeout', values.timeout, { min: 1, max: 600_000 }) ?? base.timeoutMs,
      retries: integer('send', '--retries', values.retries, { min: 0, max: 100 }) ?? base.retries,
      retryDelayMs: base.retryDelayMs,
    };
    const pushes = await preparePushes({
      target: positionals[0]!,
      seed: values.seed,
      url,
      secret,
      content: json('send', '--content', values.content),
      clientKey: values['client-key'],
      msgId: values['msg-id'],
      count: integer('send', '--count', values.count, { min: 1, max: 1_000_000 }) ?? 1,
      duplicates: integer('send', '--duplicates', values.duplicates, { min: 0, max: 1000 }) ?? 0,
      cwd: ctx.io.cwd,
    });
    const concurrency = integer('send', '--concurrency', values.concurrency, { min: 1, max: 1000 }) ?? 1;

    const started = performance.now();
    const deliveries: Delivery[] = await mapLimit(pushes, concurrency, (push) =>
      deliver(push, policy, values.json ? undefined : (attempt) => ctx.io.stdout.write(`${attemptLine(attempt, push, policy, ctx.out)}\n`)),
    );
    const elapsedMs = Math.round(performance.now() - started);
    const summary = summarize(deliveries);
    if (values.json) {
      ctx.io.stdout.write(
        `${JSON.stringify({
          ok: summary.failed === 0,
          url,
          policy,
          concurrency,
          elapsedMs,
          summary,
          pushes: deliveries.map(({ push, attempts, delivered }) => ({
            event: push.event,
            msgId: push.msgId,
            duplicate: push.copy,
            delivered,
            attempts,
          })),
        })}\n`,
      );
    } else {
      ctx.io.stdout.write(`${summaryLines(deliveries, url, policy, ctx.out).join('\n')}\n`);
    }
    return summary.failed === 0 ? EXIT.ok : EXIT.failed;
  },
};
