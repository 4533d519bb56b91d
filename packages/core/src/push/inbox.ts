/**
 * One verified push as a durable inbox stores it: enough to answer "was it seen?" (`id`) and
 * to run the handlers later, in another process, exactly as the receiver would have (`body`).
 *
 * @example
 * ```ts
 * const push: InboxPush = {
 *   id: '["aw1","life_trade_order_notify","m-1","3f…"]', name: 'life_trade_order_notify', action: 'pay_success',
 *   msgId: 'm-1', clientKey: 'aw1', logId: '2024…', receivedAt: Date.now(), body: rawText, msgIdHeader: 'm-1',
 * };
 * ```
 */
export interface InboxPush {
  /** The dedupe identity (the receiver's `dedupeKey`): one job per id. May hold any character. */
  readonly id: string;
  /** Event name, aliases resolved (`life_trade_order_notify`). */
  readonly name: string;
  readonly action: string | undefined;
  readonly msgId: string;
  readonly clientKey: string;
  readonly logId: string | undefined;
  /** When the receiver accepted it (ms since the epoch). */
  readonly receivedAt: number;
  /** The body exactly as Douyin sent it (valid UTF-8: the receiver decoded it). */
  readonly body: string;
  /** The `Msg-Id` header, when Douyin sent one (the message id may come from it). */
  readonly msgIdHeader: string | undefined;
}

/**
 * Where a receiver in durable mode puts verified pushes before answering 200: a queue on an
 * existing engine (`@douyin-push/queue`: BullMQ or pg-boss). Workers run the handlers later.
 *
 * @example
 * ```ts
 * const inbox: DouyinInbox = {
 *   async enqueue(push) {
 *     const created = await jobs.insertIfAbsent(push.id, push); // resolves once stored durably
 *     return { duplicate: !created };
 *   },
 * };
 * const webhooks = createDouyinWebhooks({ clientSecret, inbox });
 * ```
 */
export interface DouyinInbox {
  /**
   * Store the push durably. Resolve only once the engine confirmed the write, with
   * `duplicate: true` when a push with this `id` was stored before. A rejection (or a write
   * slower than the receiver's `timeoutMs`) is answered 503 `INBOX_UNAVAILABLE`, so Douyin retries.
   */
  enqueue(push: InboxPush): Promise<{ duplicate: boolean }>;
}
