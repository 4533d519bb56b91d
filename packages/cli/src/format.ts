import type { Attempt, Delivery, OutgoingPush } from './deliver.js';
import type { DeliveryPolicy } from './delivery-policy.js';
import type { Colors } from './io.js';

/**
 * One line per attempt, readable at a glance and complete on its own (attempts of concurrent
 * pushes interleave): outcome, status, latency, event, Msg-Id, attempt number, reply.
 *
 * @example
 * ```ts
 * io.stdout.write(attemptLine(attempt, push, policy, colors) + '\n');
 * // ✔ 200      12 ms  life_trade_order_notify  msg 9f3c2a1b  attempt 1/4  {"ok":true}
 * ```
 */
export function attemptLine(attempt: Attempt, push: OutgoingPush, policy: DeliveryPolicy, c: Colors): string {
  const mark = attempt.outcome === 'accepted' ? c.green('✔') : attempt.outcome === 'timeout' ? c.yellow('⏱') : c.red('✖');
  const status =
    attempt.status !== undefined
      ? (attempt.status === 200 ? c.green : c.red)(String(attempt.status).padEnd(7))
      : c.yellow((attempt.outcome === 'timeout' ? 'timeout' : 'error').padEnd(7));
  const latency = c.dim(`${Math.round(attempt.latencyMs)} ms`.padStart(8));
  const copy = push.copy > 0 ? c.magenta(` duplicate ${push.copy}`) : '';
  const of = policy.retries > 0 ? `/${policy.retries + 1}` : '';
  const tries = c.dim(`attempt ${attempt.attempt}${of}`);
  const detail = attempt.error ?? oneLine(attempt.body ?? '');
  const retry = attempt.retryInMs !== undefined ? c.yellow(`  → retry in ${attempt.retryInMs} ms`) : '';
  return `${mark} ${status}${latency}  ${c.bold(push.event)}  ${c.dim('msg')} ${shortId(push.msgId)}${copy}  ${tries}  ${detail || c.dim('(empty reply)')}${retry}`;
}

/**
 * The closing summary: pushes delivered or not, attempts, latency of the answered ones.
 *
 * @example
 * ```ts
 * io.stdout.write(summaryLines(deliveries, url, policy, colors).join('\n') + '\n');
 * ```
 */
export function summaryLines(deliveries: readonly Delivery[], url: string, policy: DeliveryPolicy, c: Colors): string[] {
  const summary = summarize(deliveries);
  const verdict =
    summary.failed === 0
      ? c.green(`${summary.delivered} of ${summary.pushes} delivered`)
      : c.red(`${summary.failed} of ${summary.pushes} not delivered`);
  const lines = [
    '',
    `${c.bold('Summary')}  ${verdict}  ${c.dim('·')}  ${summary.attempts} attempt(s), ${summary.retries} retr${summary.retries === 1 ? 'y' : 'ies'}  ${c.dim('·')}  ${url}`,
  ];
  if (summary.latency) {
    const { min, p50, p95, max } = summary.latency;
    lines.push(c.dim(`         latency of answered attempts: min ${min} ms, p50 ${p50} ms, p95 ${p95} ms, max ${max} ms`));
  }
  if (summary.failed > 0 && policy.retries > 0) {
    lines.push(
      c.dim(`         Douyin gives up after ${policy.retries + 1} attempts; such a push is lost unless Douyin sends it again later.`),
    );
  }
  return lines;
}

/**
 * Counts behind the summary line and the `--json` output.
 *
 * @example
 * ```ts
 * const { delivered, failed } = summarize(deliveries);
 * ```
 */
export function summarize(deliveries: readonly Delivery[]) {
  const attempts = deliveries.flatMap((d) => d.attempts);
  const answered = attempts
    .filter((a) => a.status !== undefined)
    .map((a) => a.latencyMs)
    .sort((a, b) => a - b);
  const delivered = deliveries.filter((d) => d.delivered).length;
  return {
    pushes: deliveries.length,
    delivered,
    failed: deliveries.length - delivered,
    attempts: attempts.length,
    retries: attempts.length - deliveries.length,
    latency:
      answered.length === 0
        ? undefined
        : {
            min: round(answered[0]!),
            p50: round(percentile(answered, 0.5)),
            p95: round(percentile(answered, 0.95)),
            max: round(answered[answered.length - 1]!),
          },
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function shortId(msgId: string): string {
  if (!msgId) return '(none)';
  return msgId.length > 12 ? `${msgId.slice(0, 8)}…` : msgId;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 160)}…` : flat;
}
