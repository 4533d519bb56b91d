import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DouyinReceiver } from '@douyin-push/core';
import { buildSpiRequest, createDouyinSpi, type BuildSpiRequestInput } from '@douyin-push/core/spi';

/** A server one adapter started with the given receivers mounted at their paths. */
export interface Started {
  /** Base URL, e.g. http://127.0.0.1:54321 */
  url: string;
  close: () => Promise<void>;
}
export type Start = (routes: Record<string, DouyinReceiver>) => Promise<Started>;

export const SECRET = 'spi_contract_secret';
const vector = (
  JSON.parse(readFileSync(new URL('../../packages/core/test/fixtures/signature-vectors.json', import.meta.url), 'utf8')) as {
    spi: { secret: string; query: string; body: string; x_life_sign: string; legacy_sign: string }[];
  }
).spi[0]!;

/** The receivers of every shipped scenario, each counting its handler runs. */
function fixture() {
  const runs: Record<string, number> = {};
  const count = (name: string) => {
    runs[name] = (runs[name] ?? 0) + 1;
    return runs[name];
  };
  const common = { clientSecret: [SECRET, vector.secret], onError: () => undefined };
  const routes: Record<string, DouyinReceiver> = {
    '/spi/pre-create': createDouyinSpi({
      ...common,
      scenario: 'trade.order.pre_create_order',
      handler: (order) => {
        count('pre-create');
        return order.count === 1 ? { result: 'allow' } : { result: 'refuse', reason: 'sold_out' };
      },
    }),
    '/spi/issue': createDouyinSpi({
      ...common,
      scenario: 'fulfilment.order.tripartite_code',
      handler: (order) => {
        const run = count('issue');
        if (order.order_id === 'throw') throw new Error('supplier down');
        return { result: 'issued', certificates: [{ certificate_id: `${order.order_id}-c1`, code: `CODE-${run}` }] };
      },
    }),
    '/spi/refund-apply': createDouyinSpi({
      ...common,
      scenario: 'fulfilment.order.refund_apply',
      handler: (apply) => {
        count('refund-apply');
        return { result: apply.after_sale_id === 'reject-me' ? 'reject' : 'approve' };
      },
    }),
    '/spi/refund-notice': createDouyinSpi({
      ...common,
      scenario: 'fulfilment.order.refund_notice',
      legacySign: true,
      handler: () => {
        count('refund-notice');
      },
    }),
    '/spi/order-query': createDouyinSpi({
      ...common,
      scenario: 'order.status_query',
      handler: (query) => {
        count('order-query');
        return { orders: query.order_ids.map((order_id) => ({ order_id, order_status: 2 })) };
      },
    }),
    '/spi/member': createDouyinSpi({
      ...common,
      scenario: 'merchant.member.info.update',
      handler: (member, context) => {
        count('member');
        return { result: 'success', data: { seen_query_note: context.query.get('note') ?? null, open_id: member.open_id } };
      },
    }),
  };
  return { routes, runs };
}

function envelope(text: string): { error_code: number; description: string; [k: string]: unknown } {
  expect(text).toMatch(/^\{"data":\{.*"error_code":\d+[,}]/);
  const data = (JSON.parse(text) as { data: { error_code: unknown; description: unknown } }).data;
  expect(typeof data.error_code).toBe('number');
  expect(typeof data.description).toBe('string');
  return data as never;
}

/**
 * The same SPI cases against one adapter on a real server: each adapter's test file only
 * supplies `start()`.
 */
export function spiContract(name: string, start: Start): void {
  describe(`SPI over real HTTP: ${name}`, () => {
    let server: Started;
    let runs: Record<string, number>;

    beforeAll(async () => {
      const f = fixture();
      runs = f.runs;
      server = await start(f.routes);
    });
    afterAll(() => server?.close());

    async function post(input: Omit<BuildSpiRequestInput, 'secret'> & { secret?: string; path: string }) {
      const req = buildSpiRequest({ secret: SECRET, ...input });
      const res = await fetch(new URL(req.url, server.url), { method: 'POST', headers: req.headers, body: req.body });
      return { status: res.status, text: await res.text(), headers: res.headers };
    }

    it('accepts the shared signature vector exactly as sent', async () => {
      const res = await fetch(`${server.url}/spi/issue?${vector.query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-life-sign': vector.x_life_sign },
        body: vector.body,
      });
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(envelope(text)).toMatchObject({ error_code: 0, result: 1, certificates: [{ certificate_id: '123-c1' }] });
    });

    it('预下单: allow, and refuse sold out with its code', async () => {
      expect(envelope((await post({ path: '/spi/pre-create', body: { order_id: 'p1', sku_id: 's', count: 1 } })).text)).toEqual({
        error_code: 0,
        description: 'success',
      });
      const refused = await post({ path: '/spi/pre-create', body: { order_id: 'p2', count: 9 } });
      expect(refused.status).toBe(200);
      expect(envelope(refused.text)).toEqual({ error_code: 5, description: 'sold_out' });
    });

    it('发券: codes in the reply; a retry gets the first reply and the handler does not run again', async () => {
      const first = await post({ path: '/spi/issue', body: { order_id: 'retry-me', count: 1 }, timestamp: 1 });
      const retry = await post({ path: '/spi/issue', body: { order_id: 'retry-me', count: 1 }, timestamp: 2 });
      expect(envelope(first.text)).toEqual({
        error_code: 0,
        description: 'success',
        result: 1,
        certificates: [{ certificate_id: 'retry-me-c1', code: expect.stringMatching(/^CODE-\d+$/) }],
      });
      expect(retry.text).toBe(first.text);
      const before = runs.issue;
      await post({ path: '/spi/issue', body: { order_id: 'retry-me', count: 1 }, timestamp: 3 });
      expect(runs.issue).toBe(before);
    });

    it('发券: a thrown handler error is a numeric system error code with HTTP 200 (Douyin retries)', async () => {
      const res = await post({ path: '/spi/issue', body: { order_id: 'throw' } });
      expect(res.status).toBe(200);
      expect(envelope(res.text)).toEqual({ error_code: 100, description: 'system error' });
    });

    it('退款申请: approve 1 / reject 2 with error_code 0', async () => {
      const approve = envelope((await post({ path: '/spi/refund-apply', body: { order_id: 'r', after_sale_id: 'a1' } })).text);
      const reject = envelope((await post({ path: '/spi/refund-apply', body: { order_id: 'r', after_sale_id: 'reject-me' } })).text);
      expect([approve.error_code, approve.result, reject.error_code, reject.result]).toEqual([0, 1, 0, 2]);
    });

    it('退款信息同步 and 订单状态查询 envelopes', async () => {
      expect(
        envelope(
          (
            await post({
              path: '/spi/refund-notice',
              body: { order_id: 'n', notice_list: [{ certificate_id: 'c', code: 'x', audit_result: 1 }] },
            })
          ).text,
        ),
      ).toEqual({ error_code: 0, description: 'success' });
      expect(envelope((await post({ path: '/spi/order-query', body: { scene: 'fulfil', order_ids: ['1'] } })).text)).toEqual({
        error_code: 0,
        description: 'success',
        result: { '1': { order_id: '1', order_status: 2 } },
      });
    });

    it('会员信息变更, with an encoded query value the adapter must pass through untouched', async () => {
      const res = await post({
        path: '/spi/member',
        query: { note: 'a b&c=d/中' },
        body: { open_id: 'o1', account_id: '1', update_time: '1709705974' },
      });
      expect(res.status).toBe(200);
      expect(envelope(res.text)).toEqual({ error_code: 0, description: 'success', seen_query_note: 'a b&c=d/中', open_id: 'o1' });
    });

    it('bad signature: 401 JSON, no handler run', async () => {
      const before = { ...runs };
      const res = await post({ path: '/spi/issue', secret: 'wrong', body: { order_id: 'forged' } });
      expect(res.status).toBe(401);
      expect(JSON.parse(res.text)).toMatchObject({ code: 'SIGNATURE_MISMATCH' });
      const missing = await post({ path: '/spi/pre-create', signatures: 'none', body: { order_id: 'forged' } });
      expect(missing.status).toBe(401);
      expect(runs).toEqual(before);
    });

    it('legacy md5 sign: accepted where legacySign is on, refused elsewhere', async () => {
      const on = await post({ path: '/spi/refund-notice', signatures: 'legacy', body: { order_id: 'legacy' } });
      expect(on.status).toBe(200);
      expect(envelope(on.text).error_code).toBe(0);
      const off = await post({ path: '/spi/pre-create', signatures: 'legacy', body: { order_id: 'legacy' } });
      expect(off.status).toBe(401);
    });

    it('bad body after a good signature: 400 with numeric error_code 2100005; GET: 405 Allow: POST', async () => {
      const bad = await post({ path: '/spi/issue', body: '{"order_id":' });
      expect(bad.status).toBe(400);
      expect(envelope(bad.text).error_code).toBe(2100005);
      const get = await fetch(`${server.url}/spi/issue`);
      expect(get.status).toBe(405);
      expect(get.headers.get('allow')).toBe('POST');
    });
  });
}
