import { withDeadline } from '../common/deadline.js';
import { DouyinPushError } from '../common/errors.js';
import type { DouyinErrorContext } from '../common/report.js';
import { claimOrReplay, settleClaim } from './idempotency.js';
import type { SpiConfig, SpiContext } from './options.js';
import { checkSpiData, envelopeBody, isSpiRawReply, type SpiData } from './reply.js';

type Outcome = { ok: true; data: SpiData } | { ok: false; error: unknown };
type Report = (error: DouyinPushError, context: DouyinErrorContext) => void;

/**
 * Runs the handler of one verified, valid SPI request and decides the reply body: the
 * handler's answer; a stored answer replayed for a retry; the scenario's timeout answer when
 * the handler overruns the request's deadline (it keeps running, and a late success is still
 * stored for Douyin's retry); the system-error code when it throws or a store fails.
 *
 * @example
 * ```ts
 * const body = await runSpiHandler(config, request, context, controller, arrivedAt + config.timeoutMs, report);
 * ```
 */
export async function runSpiHandler(
  config: SpiConfig,
  request: unknown,
  context: SpiContext,
  controller: AbortController,
  deadline: number,
  report: Report,
): Promise<string> {
  const { idempotency, scenario } = config;
  const where: DouyinErrorContext = {
    source: 'spi',
    verified: true,
    scenario: scenario.name,
    clientKey: context.clientKey,
    logId: context.logId,
  };
  const fail = (error: unknown): SpiData => {
    report(
      error instanceof DouyinPushError
        ? error
        : new DouyinPushError(
            'HANDLER_FAILED',
            500,
            `SPI ${scenario.name}: the handler threw: ${error instanceof Error ? error.message : String(error)}`,
            { cause: error },
          ),
      where,
    );
    return config.systemError;
  };
  const overrun = (): string => {
    controller.abort();
    report(
      new DouyinPushError(
        'HANDLER_TIMEOUT',
        503,
        `SPI ${scenario.name}: the handler overran ${config.timeoutMs} ms; answered ${JSON.stringify(config.timeoutData)} and left it running.`,
      ),
      where,
    );
    return envelopeBody(config.timeoutData);
  };
  const storeFailed = (error: unknown) =>
    report(
      error instanceof DouyinPushError ? error : new DouyinPushError('DEDUPE_UNAVAILABLE', 503, 'store failed.', { cause: error }),
      where,
    );

  const identity = idempotency?.key(request, context);
  const key = identity === undefined ? undefined : JSON.stringify(['spi', scenario.name, context.clientKey, identity]);
  let token: string | undefined;
  if (idempotency && key !== undefined) {
    let found;
    try {
      found = await claimOrReplay(idempotency.dedupe, idempotency.replies, key, deadline);
    } catch (error) {
      storeFailed(error);
      return envelopeBody(config.systemError);
    }
    if (found.kind === 'replay') return found.body;
    if (found.kind === 'busy') {
      report(
        new DouyinPushError(
          'DUPLICATE_IN_FLIGHT',
          409,
          `SPI ${scenario.name}: an earlier attempt is still running; answered "retry later".`,
        ),
        where,
      );
      return envelopeBody(config.systemError);
    }
    token = found.token;
  }

  const running = run(config, request, context);
  // A late failure is still reported; its reply was already sent.
  void running.then((outcome) => {
    if (!outcome.ok && controller.signal.aborted) fail(outcome.error);
  });
  // Whenever the handler settles, even after an overrun, a success is stored for Douyin's retry
  // and the claim is freed.
  const settled =
    idempotency && key !== undefined && token !== undefined
      ? running.then((outcome) =>
          settleClaim(
            idempotency.dedupe,
            idempotency.replies,
            key,
            token,
            outcome.ok && outcome.data.error_code === 0 ? envelopeBody(outcome.data) : undefined,
            idempotency.ttlMs,
          ),
        )
      : undefined;
  const outcome = await withDeadline(running, deadline);
  if (outcome === 'timeout') {
    settled?.catch(storeFailed);
    return overrun();
  }
  // The reply is right for this request even if storing it failed; only a later retry loses the replay.
  await settled?.catch(storeFailed);
  return envelopeBody(outcome.ok ? outcome.data : fail(outcome.error));
}

function run(config: SpiConfig, request: unknown, context: SpiContext): Promise<Outcome> {
  return (async () => {
    const reply = await config.handler(request as never, context);
    const data = checkSpiData(isSpiRawReply(reply) ? reply.data : config.scenario.toData(reply), config.scenario.name);
    return { ok: true as const, data };
  })().catch((error: unknown) => ({ ok: false as const, error }));
}
