import type { DouyinErrorHandler } from './report.js';
import type { DouyinErrorCode } from './errors.js';

/**
 * A header value as Node (`IncomingHttpHeaders`) or a plain record gives it.
 *
 * @example
 * ```ts
 * const value: HeaderValue = req.headers['msg-id'];
 * ```
 */
export type HeaderValue = string | readonly string[] | number | undefined;

/**
 * Request headers in any shape the frameworks hand out: a web `Headers` or a plain record
 * (names matched case-insensitively).
 *
 * @example
 * ```ts
 * readHeader(request.headers satisfies HeadersInput, 'x-douyin-signature');
 * ```
 */
export type HeadersInput = Headers | Readonly<Record<string, HeaderValue>>;

/**
 * The raw request body. Bytes are what Douyin signed; a string is taken as its UTF-8 bytes.
 * A function is called only after the method check, so adapters read the stream lazily and
 * never for a `GET`; it may throw a `DouyinPushError` (413, raw body unavailable).
 *
 * @example
 * ```ts
 * const body: BodySource = () => readNodeBody(req, { maxBodyBytes: receiver.maxBodyBytes });
 * ```
 */
export type BodySource = Uint8Array | ArrayBuffer | string | (() => Promise<Uint8Array | ArrayBuffer | string>);

/**
 * Which integration called core, so error messages can name that framework's fix.
 *
 * @example
 * ```ts
 * await receiver.handle({ method, url, headers, body, adapter: 'hono' satisfies AdapterName });
 * ```
 */
export type AdapterName = 'express' | 'fastify' | 'koa' | 'next-app' | 'next-pages' | 'node' | 'web' | (string & {});

/**
 * One HTTP request as every adapter gives it to core.
 *
 * @example
 * ```ts
 * const reply = await webhooks.handle({
 *   method: req.method,
 *   url: req.url,
 *   headers: req.headers,
 *   body: () => readBytesSomehow(req),
 *   adapter: 'express',
 * });
 * ```
 */
export interface DouyinRequest {
  method: string;
  /** Path and query (or an absolute URL). SPI signatures cover the query, so pass it whole. */
  url?: string | undefined;
  headers: HeadersInput;
  body: BodySource | undefined;
  adapter?: AdapterName | undefined;
  /**
   * Keeps work alive after the reply on platforms that end the request's life with the reply
   * (Next.js `after()`, Vercel/Workers `waitUntil`). Only used when the user chose to ack
   * before handling.
   */
  waitUntil?: ((promise: Promise<unknown>) => void) | undefined;
}

/**
 * What an adapter writes back: status, headers (content-type and friends) and a UTF-8 body.
 *
 * @example
 * ```ts
 * const reply = await webhooks.handle(request);
 * res.writeHead(reply.status, reply.headers).end(reply.body);
 * ```
 */
export interface DouyinReply {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Set on every non-2xx reply: the stable error code behind it. */
  errorCode?: DouyinErrorCode | (string & {}) | undefined;
}

/**
 * Anything an adapter can mount: the push receiver (`createDouyinWebhooks`) and the SPI
 * receivers (`createDouyinSpi`) both are one.
 *
 * @example
 * ```ts
 * function mount(receiver: DouyinReceiver) {
 *   return (request: Request) => receiver.handleRequest(request);
 * }
 * ```
 */
export interface DouyinReceiver {
  /** Largest body accepted, in bytes; adapters pass it to their body readers. */
  readonly maxBodyBytes: number;
  /** Longest wait for the body to arrive, in ms; Node adapters answer 408 after it. */
  readonly bodyTimeoutMs: number;
  /** The plain-data entry every adapter calls. Never throws: every failure is a reply. */
  handle(request: DouyinRequest): Promise<DouyinReply>;
  /** Adds an error listener (every refusal, failure and store problem); returns its remover. */
  onError(handler: DouyinErrorHandler): () => void;
  /**
   * The web-standard entry (Next.js App Router, Hono, Bun, Deno, Workers). `options.waitUntil`
   * keeps post-reply work alive where the platform offers it (Next.js `after`).
   */
  handleRequest(request: Request, options?: Pick<DouyinRequest, 'waitUntil' | 'adapter'>): Promise<Response>;
}
