// Generated from packages/core/test/fixtures/*.json: the seed pushes exactly as Douyin sent them.
// A test checks these strings against the files byte for byte.

/**
 * The seed sample pushes, by event name: raw bodies exactly as Douyin sent them (sign these
 * bytes, never a re-serialised copy). Their `client_key`s are the real apps' ones.
 *
 * @example
 * ```ts
 * const body = fixtures.life_trade_order_notify;
 * const signature = sign(body, 'my_test_secret');
 * ```
 */
export const fixtures = {
  life_product_common_audit:
    '{"event":"life_product_common_audit","client_key":"aw6ufdiwwmx4x7tf","from_user_id":"","content":"{\\"product_id\\":\\"1805831187321867\\",\\"status\\":\\"PASS\\",\\"reason\\":\\"\\"}","log_id":"021722175771160fdbddc01000b05030000000000000046131125","msg_id":"f82fdfc454814eeda244939578d427c8"}',
  life_product_status_change:
    '{"event":"life_product_status_change","client_key":"aw6ufdiwwmx4x7tf","from_user_id":"","content":"{\\"product_id\\":\\"1805831187321867\\",\\"status\\":\\"GOODS_ONLINE\\"}","log_id":"021722175771160fdbddc01000b0503000000000000004652c8c8","msg_id":"950bf0c2f0455fe4ab6649f7a3c2b58c"}',
  life_trade_certificate_notify:
    '{ "event": "life_trade_certificate_notify", "client_key": "axxxxxxxxxxxxx", "from_user_id": "f6e35c98-1e53-4943-ad6d-f476f869deab", "content": "{\\"action\\": \\"verify\\",\\"msg_time\\": 1665991178,\\"certificate\\": {\\"certificate_id\\": \\"456\\",\\"order_id\\": \\"123\\",\\"account_id\\": \\"1234\\"}}", "log_id": "202210101930530102281180650970B5AF" }',
  life_trade_order_notify:
    '{"event":"life_trade_order_notify","client_key":"aw6ufdiwwmx4x7tf","from_user_id":"_000gD8s5QbuDg3hh4HcqfAaMklpHu0zayFu","content":"{\\"action\\":\\"pay_success\\",\\"msg_time\\":1722175826,\\"order\\":{\\"order_id\\":\\"1065946966824669548\\",\\"account_id\\":\\"7376546762393143333\\",\\"pay_amount\\":100,\\"original_amount\\":100,\\"create_time\\":1722175821,\\"pay_time\\":1722175822}}","log_id":"021722175823563fdbddc01000b049500000000000000441114c6","msg_id":"13cedde5b8decd82f5c2267a60edd7ad"}',
} as const;

/**
 * Name of a seed sample.
 *
 * @example
 * ```ts
 * const names = Object.keys(fixtures) as FixtureName[];
 * ```
 */
export type FixtureName = keyof typeof fixtures;
