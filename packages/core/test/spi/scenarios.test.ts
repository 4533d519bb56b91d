import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createDouyinSpi,
  defineSpiScenario,
  spiRawReply,
  type IssueCodeRequest,
  type MemberInfoUpdateRequest,
  type OrderStatusQueryRequest,
  type PreCreateOrderRequest,
  type RefundApplyRequest,
  type RefundNoticeRequest,
} from '@douyin-push/core/spi';
import * as z from 'zod';
import { SECRET, expectEnvelope, send } from './helpers.js';

const quiet = { onError: () => undefined };

describe('each scenario: typed request in, Douyin envelope out', () => {
  it('预下单 allow and refuse (sold out → 5)', async () => {
    const seen: PreCreateOrderRequest[] = [];
    const spi = createDouyinSpi({
      scenario: 'trade.order.pre_create_order',
      clientSecret: SECRET,
      ...quiet,
      handler: (order) => {
        expectTypeOf(order).toEqualTypeOf<PreCreateOrderRequest>();
        seen.push(order);
        return order.count === 1 ? { result: 'allow' } : { result: 'refuse', reason: 'sold_out', description: '库存不足' };
      },
    });
    const body = {
      order_id: '1065946966824669548',
      sku_id: '7',
      third_sku_id: 'T-7',
      count: 1,
      order_type: 21,
      original_amount: 100,
      extra_field: { a: 1 },
    };
    const ok = await send(spi, { body });
    expect(ok.status).toBe(200);
    expect(expectEnvelope(ok.text)).toEqual({ error_code: 0, description: 'success' });
    expect(seen[0]).toMatchObject({ order_id: '1065946966824669548', count: 1, extra_field: { a: 1 } });

    const refused = await send(spi, { body: { ...body, count: 3 } });
    expect(refused.status).toBe(200);
    expect(expectEnvelope(refused.text)).toEqual({ error_code: 5, description: '库存不足' });
  });

  it('发券 issued with certificates, issuing, failed', async () => {
    const spi = createDouyinSpi({
      scenario: 'fulfilment.order.tripartite_code',
      clientSecret: SECRET,
      idempotency: false,
      ...quiet,
      handler: (order) => {
        expectTypeOf(order).toEqualTypeOf<IssueCodeRequest>();
        if (order.order_id === 'sync') return { result: 'issued', certificates: [{ certificate_id: 'a111', code: 'a' }] };
        if (order.order_id === 'async') return { result: 'issuing' };
        return { result: 'failed', description: 'no stock' };
      },
    });
    expect(expectEnvelope((await send(spi, { body: { order_id: 'sync', count: 1 } })).text)).toEqual({
      error_code: 0,
      description: 'success',
      result: 1,
      certificates: [{ certificate_id: 'a111', code: 'a' }],
    });
    expect(expectEnvelope((await send(spi, { body: { order_id: 'async', count: 1 } })).text)).toEqual({
      error_code: 0,
      description: 'success',
      result: 0,
    });
    expect(expectEnvelope((await send(spi, { body: { order_id: 'x', count: 1 } })).text)).toEqual({
      error_code: 0,
      description: 'no stock',
      result: 2,
    });
  });

  it('退款申请 approve / reject / pending map to the documented table', async () => {
    const spi = createDouyinSpi({
      scenario: 'fulfilment.order.refund_apply',
      clientSecret: SECRET,
      idempotency: false,
      ...quiet,
      handler: (apply) => {
        expectTypeOf(apply).toEqualTypeOf<RefundApplyRequest>();
        return apply.after_sale_id === '1'
          ? { result: 'approve' }
          : apply.after_sale_id === '2'
            ? { result: 'reject', description: 'already used' }
            : { result: 'pending' };
      },
    });
    const results = [];
    for (const id of ['1', '2', '3']) {
      const data = expectEnvelope((await send(spi, { body: { order_id: 'o', after_sale_id: id } })).text);
      expect(data.error_code).toBe(0);
      results.push([data.result, data.description]);
    }
    expect(results).toEqual([
      [1, 'success'],
      [2, 'already used'],
      [0, 'success'],
    ]);
  });

  it('退款信息同步 answers success when the handler returns nothing', async () => {
    let got: RefundNoticeRequest | undefined;
    const spi = createDouyinSpi({
      scenario: 'fulfilment.order.refund_notice',
      clientSecret: SECRET,
      ...quiet,
      handler: (notice) => {
        got = notice;
      },
    });
    const res = await send(spi, {
      body: {
        order_id: 'o1',
        after_sale_id: 'as1',
        after_sale_type: 3,
        notice_list: [{ certificate_id: 'c1', code: 'X', audit_result: 1 }],
      },
    });
    expect(expectEnvelope(res.text)).toEqual({ error_code: 0, description: 'success' });
    expect(got?.notice_list?.[0]?.audit_result).toBe(1);
  });

  it('订单状态查询 returns data.result keyed by order id', async () => {
    const spi = createDouyinSpi({
      scenario: 'order.status_query',
      clientSecret: SECRET,
      ...quiet,
      handler: (query) => {
        expectTypeOf(query).toEqualTypeOf<OrderStatusQueryRequest>();
        return { orders: query.order_ids.map((order_id) => ({ order_id, order_status: 1, total_quantity: 2 })) };
      },
    });
    const data = expectEnvelope((await send(spi, { body: { scene: 'fulfil', order_ids: ['1', '2'] } })).text);
    expect(data).toEqual({
      error_code: 0,
      description: 'success',
      result: {
        '1': { order_id: '1', order_status: 1, total_quantity: 2 },
        '2': { order_id: '2', order_status: 1, total_quantity: 2 },
      },
    });
  });

  it('会员信息变更: plain body and a body wrapped in `content` (UNCONFIRMED) both parse', async () => {
    const got: MemberInfoUpdateRequest[] = [];
    const spi = createDouyinSpi({
      scenario: 'merchant.member.info.update',
      clientSecret: SECRET,
      ...quiet,
      handler: (member) => {
        got.push(member);
        return member.account_id === 'nope' ? { result: 'fail', description: 'unknown member' } : undefined;
      },
    });
    const member = {
      open_id: 'f6e35c98',
      account_id: '17371731',
      update_time: '1709705974',
      info: { mobile: { old_mobile: 'a==', new_mobile: 'b==' } },
    };
    expect(expectEnvelope((await send(spi, { body: member })).text)).toEqual({ error_code: 0, description: 'success' });
    expect(expectEnvelope((await send(spi, { body: { content: JSON.stringify(member) } })).text).error_code).toBe(0);
    expect(got.map((m) => m.info?.mobile?.new_mobile)).toEqual(['b==', 'b==']);
    const failed = expectEnvelope((await send(spi, { body: { ...member, account_id: 'nope' } })).text);
    expect(failed.error_code).toBeGreaterThan(0);
    expect(failed.description).toBe('unknown member');
  });

  it('a custom scenario (入会 merchant.member.join, shape UNCONFIRMED) and a raw reply', async () => {
    const join = defineSpiScenario({ name: 'merchant.member.join', schema: z.looseObject({ open_id: z.string() }) });
    const spi = createDouyinSpi({
      scenario: join,
      clientSecret: SECRET,
      ...quiet,
      handler: (body) => spiRawReply({ error_code: 0, description: 'success', member_id: `m-${body.open_id}` }),
    });
    expect(expectEnvelope((await send(spi, { body: { open_id: 'u1' } })).text)).toEqual({
      error_code: 0,
      description: 'success',
      member_id: 'm-u1',
    });
  });
});
