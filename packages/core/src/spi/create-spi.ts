import { createPipeline } from '../common/pipeline.js';
import { DouyinPushError } from '../common/errors.js';
import { readHeader } from '../common/headers.js';
import { parseJsonBody } from '../common/json.js';
import type { DouyinReceiver, DouyinReply } from '../common/receiver.js';
import { createReporter } from '../common/report.js';
import { createWebHandler } from '../common/web.js';
import {
  resolveSpiOptions,
  type DouyinSpiOptions,
  type DynamicSpiOptions,
  type NamedSpiOptions,
  type SpiContext,
  type SpiScenarioInput,
} from './options.js';
import { SPI_INVALID_PARAMS_CODE, envelopeBody } from './reply.js';
import { runSpiHandler } from './run.js';
import type { AnySpiScenario } from './scenarios/define.js';
import type { issueCode, memberInfoUpdate, orderStatusQuery, preCreateOrder, refundApply, refundNotice } from './scenarios/index.js';
import { queryOf, verifySpiRequest } from './verify.js';

/**
 * An SPI receiver: a `DouyinReceiver` every adapter mounts like the push receiver.
 *
 * @example
 * ```ts
 * const spi: DouyinSpi<typeof issueCode> = createDouyinSpi({ scenario: issueCode, clientSecret, handler });
 * app.use(douyinWebhook(spi, { path: '/douyin/spi/issue' }));
 * ```
 */
export interface DouyinSpi<S extends AnySpiScenario = AnySpiScenario> extends DouyinReceiver {
  readonly scenario: S;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;

/**
 * Creates the receiver of one SPI scenario (Douyin calls one URL per scenario). It checks
 * `x-life-sign` (optionally the legacy md5 `sign`) over the query and the raw body, validates
 * the body, runs your handler within the time budget and answers in Douyin's envelope
 * `{"data":{"error_code":<number>,"description":"..."}}`.
 *
 * Statuses: 200 for every signed, well-formed request (the outcome is in `error_code`);
 * 400 + envelope `error_code` 2100005 for a signed body that is not JSON or not the scenario's
 * shape; 401 missing/wrong signature; 405 not POST; 408 body too slow; 413 too large; 500 secret
 * lookup failed or not configured. Errors reach `onError(error, context)`.
 *
 * @example
 * ```ts
 * const issue = createDouyinSpi({
 *   scenario: 'fulfilment.order.tripartite_code',
 *   clientSecret: process.env.DOUYIN_CLIENT_SECRET,
 *   handler: async (order) => ({ result: 'issued', certificates: await issueCodes(order.order_id, order.count ?? 1) }),
 * });
 * issue.onError((error, context) => log.error({ code: error.code, scenario: context.scenario }));
 * export const POST = (request: Request) => issue.handleRequest(request);
 * ```
 */
export function createDouyinSpi(options: NamedSpiOptions<'trade.order.pre_create_order'>): DouyinSpi<typeof preCreateOrder>;
export function createDouyinSpi(options: NamedSpiOptions<'fulfilment.order.tripartite_code'>): DouyinSpi<typeof issueCode>;
export function createDouyinSpi(options: NamedSpiOptions<'fulfilment.order.refund_apply'>): DouyinSpi<typeof refundApply>;
export function createDouyinSpi(options: NamedSpiOptions<'fulfilment.order.refund_notice'>): DouyinSpi<typeof refundNotice>;
export function createDouyinSpi(options: NamedSpiOptions<'order.status_query'>): DouyinSpi<typeof orderStatusQuery>;
export function createDouyinSpi(options: NamedSpiOptions<'merchant.member.info.update'>): DouyinSpi<typeof memberInfoUpdate>;
export function createDouyinSpi<S extends AnySpiScenario>(options: NoInfer<DouyinSpiOptions<S>> & { scenario: S }): DouyinSpi<S>;
/** A scenario chosen at run time (a CLI, a config file): the handler gets `unknown` and returns a {@link spiRawReply}. */
export function createDouyinSpi(options: DynamicSpiOptions): DouyinSpi;
export function createDouyinSpi(options: DouyinSpiOptions<AnySpiScenario> & { scenario: SpiScenarioInput }): DouyinSpi {
  const config = resolveSpiOptions(options);
  const { scenario } = config;
  const reporter = createReporter();
  if (options.onError) reporter.onError(options.onError);
  for (const store of [config.idempotency?.dedupe, config.idempotency?.replies]) store?.bindReporter?.(reporter.report);

  const handle = createPipeline({
    source: 'spi',
    maxBodyBytes: config.maxBodyBytes,
    reporter,
    initialContext: () => ({ source: 'spi', verified: false, scenario: scenario.name }),
    async run(request, rawBody, context, arrivedAt): Promise<DouyinReply> {
      const query = queryOf(request.url);
      const verified = await verifySpiRequest(request.headers, query, rawBody, config);
      Object.assign(context, { verified: true, clientKey: verified.clientKey, logId: readHeader(request.headers, 'x-bytedance-logid') });
      const parsed = scenario.schema.safeParse(parseJsonBody(rawBody));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'body';
        throw new DouyinPushError('INVALID_CONTENT', 400, `SPI ${scenario.name}: ${where}: ${issue?.message ?? 'invalid'}.`);
      }
      const controller = new AbortController();
      const spiContext: SpiContext = {
        scenario: scenario.name,
        clientKey: verified.clientKey,
        query,
        headers: request.headers,
        rawBody,
        logId: context.logId,
        signature: verified.kind,
        signal: controller.signal,
        adapter: request.adapter,
      };
      const body = await runSpiHandler(config, parsed.data, spiContext, controller, arrivedAt + config.timeoutMs, reporter.report);
      return { status: 200, headers: { ...JSON_HEADERS }, body };
    },
    // A signed body that is not JSON or not the scenario's shape: Douyin's "invalid params" envelope.
    replyFor(error) {
      if (error.code !== 'INVALID_JSON' && error.code !== 'INVALID_CONTENT') return undefined;
      const description = `参数不合法: ${error.message.replace(/^@douyin-push\/[a-z-]+: /, '')}`;
      return {
        status: 400,
        headers: { ...JSON_HEADERS },
        body: envelopeBody({ error_code: SPI_INVALID_PARAMS_CODE, description }),
        errorCode: error.code,
      };
    },
  });

  return {
    scenario,
    maxBodyBytes: config.maxBodyBytes,
    bodyTimeoutMs: config.bodyTimeoutMs,
    handle,
    handleRequest: createWebHandler(handle, config.maxBodyBytes),
    onError: reporter.onError,
  };
}
