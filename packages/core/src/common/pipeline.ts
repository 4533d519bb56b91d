import { limitBody } from './body.js';
import { toBytes } from './bytes.js';
import { DouyinPushError } from './errors.js';
import { isPending, type MaybePromise } from './maybe-promise.js';
import type { DouyinReply, DouyinRequest } from './receiver.js';
import { errorReply, toDouyinError } from './reply.js';
import type { DouyinErrorContext, Reporter } from './report.js';

/**
 * What a receiver plugs into {@link createPipeline}: only the steps that differ between the
 * push and SPI receivers.
 *
 * @example
 * ```ts
 * const handle = createPipeline({ source: 'spi', maxBodyBytes, reporter, run: (req, rawBody, context) => answer(...) });
 * ```
 */
export interface PipelineSteps {
  source: 'push' | 'spi';
  maxBodyBytes: number;
  reporter: Reporter;
  /** Receiver-specific work on the raw body; throw a DouyinPushError to refuse. May fill `context`. */
  run(request: DouyinRequest, rawBody: Uint8Array, context: DouyinErrorContext, arrivedAt: number): MaybePromise<DouyinReply>;
  /** A reply in the receiver's own format for some refusals (SPI's invalid-params envelope). */
  replyFor?: ((error: DouyinPushError) => DouyinReply | undefined) | undefined;
  /** Fills the context for errors that happen before `run` (e.g. a pre-check that is not yet trusted). */
  initialContext?: ((request: DouyinRequest) => DouyinErrorContext) | undefined;
}

/**
 * The one request pipeline of every receiver: method check (405), body read with the byte
 * limit (413), then the receiver's steps; any failure becomes one report and one reply.
 * Never rejects: every failure is a reply.
 *
 * @example
 * ```ts
 * const handle = createPipeline(steps);
 * const reply = await handle({ method: 'POST', headers, body: rawBytes });
 * ```
 */
export function createPipeline(steps: PipelineSteps): (request: DouyinRequest) => Promise<DouyinReply> {
  const { maxBodyBytes, reporter, run, replyFor, source } = steps;
  const what = source === 'push' ? 'Douyin pushes are' : 'SPI calls are';
  const refuse = (caught: unknown, context: DouyinErrorContext): DouyinReply => {
    const error = toDouyinError(caught);
    reporter.report(error, context);
    return replyFor?.(error) ?? errorReply(error);
  };
  // The receiver's steps on the body; a failure, thrown or rejected, becomes a reply.
  const answer = (request: DouyinRequest, body: Uint8Array | ArrayBuffer | string, context: DouyinErrorContext, arrivedAt: number) => {
    try {
      const reply = run(request, limitBody(toBytes(body), maxBodyBytes), context, arrivedAt);
      return isPending(reply) ? Promise.resolve(reply).then(undefined, (caught: unknown) => refuse(caught, context)) : reply;
    } catch (caught) {
      return refuse(caught, context);
    }
  };
  // Not `async`: an async function allocates its frame and promise machinery on every call
  // (~240 bytes per push, bench/README.md), also when the reply is there at once.
  return (request) => {
    const arrivedAt = Date.now();
    const context: DouyinErrorContext = steps.initialContext ? steps.initialContext(request) : { source, verified: false };
    try {
      if (request.method !== 'POST' && request.method.toUpperCase() !== 'POST') {
        throw new DouyinPushError('METHOD_NOT_ALLOWED', 405, `${what} POST requests, not ${request.method.slice(0, 16)}.`);
      }
      const body = request.body;
      // A body function is called only now, after the method check, and its bytes limited.
      if (typeof body === 'function') {
        return Promise.resolve(body()).then(
          (bytes) => answer(request, bytes, context, arrivedAt),
          (caught: unknown) => refuse(caught, context),
        );
      }
      return Promise.resolve(answer(request, body === undefined ? new Uint8Array(0) : body, context, arrivedAt));
    } catch (caught) {
      return Promise.resolve(refuse(caught, context));
    }
  };
}
