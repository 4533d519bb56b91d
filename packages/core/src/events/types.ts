import type * as z from 'zod';
import type { allEventSchemas } from './schemas.js';
import type { Envelope } from '../push/parse.js';

// The schemas are loose (unknown fields are kept at run time), which would give every content
// type an index signature and let `content.certifcate` typos compile. Types drop it; records of
// events whose fields are unpublished stay open records.
type Known<T> = T extends string | number | boolean | bigint | symbol | null | undefined
  ? T
  : T extends readonly (infer U)[]
    ? Known<U>[]
    : T extends object
      ? [keyof { [K in keyof T as string extends K ? never : K]: 1 }] extends [never]
        ? T
        : { [K in keyof T as string extends K ? never : K]: Known<T[K]> }
      : T;

type Inferred = { -readonly [K in keyof typeof allEventSchemas]: Known<z.output<(typeof allEventSchemas)[K]>> };

/**
 * `content` type of every known event, inferred from its zod schema. Extend it by module
 * augmentation for events you add (pass their schema in the `schemas` option too).
 *
 * @example
 * ```ts
 * declare module '@douyin-push/core' {
 *   interface DouyinEventContentMap {
 *     life_member_join: { account_id: string; mobile?: string };
 *   }
 * }
 * ```
 */

export interface DouyinEventContentMap extends Inferred {}

/**
 * Known event names.
 *
 * @example
 * ```ts
 * const name: DouyinEventName = 'life_trade_order_notify';
 * ```
 */
export type DouyinEventName = keyof DouyinEventContentMap & string;

// Only the documented literals become `event.action` names; the open `string & {}` part is
// dropped (`string` is assignable to it, a literal is not).
type KnownActions<C> = C extends { action: infer A } ? (A extends string ? (string extends A ? never : A) : never) : never;

/**
 * `event.action` names such as `'life_trade_certificate_notify.verify'`.
 *
 * @example
 * ```ts
 * const name: DouyinActionName = 'life_trade_certificate_notify.verify_cancel';
 * ```
 */
export type DouyinActionName = {
  [E in DouyinEventName]: `${E}.${KnownActions<DouyinEventContentMap[E]>}`;
}[DouyinEventName];

/**
 * Every name `on()` accepts.
 *
 * @example
 * ```ts
 * const names: DouyinHandlerName[] = ['life_product_status_change', 'life_trade_order_notify.pay_success'];
 * ```
 */
export type DouyinHandlerName = DouyinEventName | DouyinActionName;

type BaseOf<N extends DouyinHandlerName> = N extends `${infer E}.${string}` ? (E extends DouyinEventName ? E : N) : N;

type ContentOf<N extends DouyinHandlerName> = N extends `${infer E}.${infer A}`
  ? E extends DouyinEventName
    ? DouyinEventContentMap[E] & { action: A }
    : never
  : N extends DouyinEventName
    ? DouyinEventContentMap[N]
    : never;

/**
 * A zod issue, as reported when a push's content does not match our schema.
 *
 * @example
 * ```ts
 * webhooks.onAny((event) => event.schemaIssues?.forEach((i: SchemaIssue) => log.warn(i.path.join('.'), i.message)));
 * ```
 */
export interface SchemaIssue {
  path: PropertyKey[];
  message: string;
  code: string;
}

/**
 * What every handler receives. `content` is typed per event (and per action for
 * `'event.action'` names).
 *
 * @example
 * ```ts
 * webhooks.on('life_trade_certificate_notify.verify', (event) => {
 *   event.content.certificate.certificate_id; // string
 * });
 * ```
 */
export interface DouyinEvent<N extends DouyinHandlerName = DouyinHandlerName> {
  /** The event name (the documented spelling, even if Douyin sent an alias). */
  name: BaseOf<N>;
  /** `content.action` when the event has one. */
  action: N extends `${string}.${infer A}` ? A : string | undefined;
  /** `Msg-Id` header, else body `msg_id`, else `sha1:<hex of the body>`. */
  msgId: string;
  clientKey: string;
  logId: string;
  content: ContentOf<N>;
  envelope: Envelope;
  rawBody: Uint8Array;
  /**
   * Set when `content` did not match our schema (a field missing or of another type). The push
   * is authentic, so it is delivered anyway, with `content` as Douyin sent it.
   */
  schemaIssues: readonly SchemaIssue[] | undefined;
}

/**
 * What `onAny` receives: any event, known or not (`content: unknown`). Narrow it with
 * {@link isDouyinEvent} to get typed content.
 *
 * @example
 * ```ts
 * webhooks.onAny((event) => {
 *   if (isDouyinEvent(event, 'life_trade_order_notify')) event.content.order.order_id;
 *   else console.log(event.name, event.content); // unknown
 * });
 * ```
 */
export type DouyinAnyEvent = Omit<DouyinEvent, 'name' | 'content' | 'action'> & {
  name: string;
  action: string | undefined;
  content: unknown;
};

/**
 * Narrows an `onAny` event to a known event (or `'event.action'`) so its content is typed.
 *
 * @example
 * ```ts
 * webhooks.onAny((event) => {
 *   if (isDouyinEvent(event, 'life_trade_certificate_notify.verify')) {
 *     console.log(event.content.certificate.certificate_id);
 *   }
 * });
 * ```
 */
export function isDouyinEvent<N extends DouyinHandlerName>(event: DouyinAnyEvent, name: N): event is DouyinAnyEvent & DouyinEvent<N> {
  const dot = name.indexOf('.');
  return dot === -1 ? event.name === name : event.name === name.slice(0, dot) && event.action === name.slice(dot + 1);
}

/**
 * A handler for `on(name, handler)`. Return a promise: the push is answered 200 only after it settles.
 *
 * @example
 * ```ts
 * const onPaid: DouyinHandler<'life_trade_order_notify.pay_success'> = async ({ content }) => {
 *   await orders.markPaid(content.order.order_id);
 * };
 * ```
 */
export type DouyinHandler<N extends DouyinHandlerName> = (event: DouyinEvent<N>) => unknown;

/**
 * Content types of the events you add through `createDouyinWebhooks({ schemas })`, inferred
 * from those schemas (the same `Known` rule as the built-in map: no index signature from
 * loose objects).
 *
 * @example
 * ```ts
 * const schemas = { life_member_join: z.looseObject({ account_id: z.string() }) };
 * type Added = SchemaEvents<typeof schemas>; // { life_member_join: { account_id: string } }
 * ```
 */
export type SchemaEvents<S> = { [K in keyof S & string]: S[K] extends z.ZodType ? Known<z.output<S[K]>> : never };

/**
 * What a handler of an added event receives: a {@link DouyinEvent} whose `content` is typed
 * from the schema you passed.
 *
 * @example
 * ```ts
 * webhooks.on('life_member_join', (event: DouyinAddedEvent<'life_member_join', { account_id: string }>) => event.content.account_id);
 * ```
 */
export type DouyinAddedEvent<Name extends string, Content> = Omit<DouyinEvent, 'name' | 'content' | 'action'> & {
  name: Name;
  action: string | undefined;
  content: Content;
};
