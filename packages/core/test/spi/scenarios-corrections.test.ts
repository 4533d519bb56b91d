import { describe, expect, expectTypeOf, it } from 'vitest';
import type { DouyinPushError } from '@douyin-push/core';
import { createDouyinSpi, spiScenarios, type IssueCodeRequest } from '@douyin-push/core/spi';
import { SECRET, expectEnvelope, send } from './helpers.js';

// Behaviours corrected from Douyin's official pages (docs/protocol.md#spi-refund-notice,
// #spi-member-info-update, #spi-refund-apply, #spi-issue-code), each through a real receiver.

const member = {
  open_id: 'f6e35c98',
  account_id: '17371731',
  update_time: '1709705974',
  info: { mobile: { old_mobile: 'a==', new_mobile: 'b==' } },
};

describe('退款信息同步: one delivery, retried only after an 8 s silence', () => {
  it('has the documented 8 s budget and answers before it', () => {
    const scenario = spiScenarios['fulfilment.order.refund_notice'];
    expect(scenario.budgetMs).toBe(8000);
    expect(scenario.timeoutMs).toBeLessThan(8000);
    expect(scenario.timeoutMs).toBeGreaterThan(4500); // the old undocumented default
  });

  it('parses after_sale_type and the documented notice_list amounts', async () => {
    const got: unknown[] = [];
    const spi = createDouyinSpi({
      scenario: 'fulfilment.order.refund_notice',
      clientSecret: SECRET,
      onError: () => undefined,
      handler: (notice) => {
        got.push([notice.after_sale_type, notice.notice_list?.[0]?.refund_amount, notice.notice_list?.[0]?.deduct_fee_amount]);
      },
    });
    const body = {
      order_id: 'o1',
      after_sale_id: 'as1',
      after_sale_type: 2,
      notice_list: [{ certificate_id: 'c1', code: 'X', refund_amount: 900, deduct_fee_amount: 100, origin_amount: 1000 }],
    };
    expect(expectEnvelope((await send(spi, { body })).text)).toEqual({ error_code: 0, description: 'success' });
    expect(got).toEqual([[2, 900, 100]]);
  });
});

describe('会员信息变更: 0 success, 100 system error (retry can succeed), 200 business error', () => {
  function receiver(reply: () => unknown, errors: DouyinPushError[] = []) {
    return createDouyinSpi({
      scenario: 'merchant.member.info.update',
      clientSecret: SECRET,
      onError: (error) => void errors.push(error),
      handler: reply as never,
    });
  }

  it("answers { result: 'fail' } with the business code 200, not the retry code 100", async () => {
    const data = expectEnvelope(
      (
        await send(
          receiver(() => ({ result: 'fail', description: '会员不存在' })),
          { body: member },
        )
      ).text,
    );
    expect(data).toEqual({ error_code: 200, description: '会员不存在' });
  });

  it('sends the code a handler passes', async () => {
    const data = expectEnvelope(
      (
        await send(
          receiver(() => ({ result: 'fail', code: 11, description: '业务错误 错误代码11' })),
          { body: member },
        )
      ).text,
    );
    expect(data).toEqual({ error_code: 11, description: '业务错误 错误代码11' });
  });

  it('keeps 100 for a thrown handler', async () => {
    const errors: DouyinPushError[] = [];
    const data = expectEnvelope(
      (
        await send(
          receiver(() => {
            throw new Error('db down');
          }, errors),
          { body: member },
        )
      ).text,
    );
    expect(data.error_code).toBe(100);
    expect(errors.map((e) => e.code)).toEqual(['HANDLER_FAILED']);
  });

  it('refuses a code that is not a positive integer (reported, answered 100)', async () => {
    const errors: DouyinPushError[] = [];
    const data = expectEnvelope(
      (
        await send(
          receiver(() => ({ result: 'fail', code: 0 }), errors),
          { body: member },
        )
      ).text,
    );
    expect(data.error_code).toBe(100);
    expect(errors.map((e) => e.code)).toEqual(['INVALID_REPLY']);
  });
});

describe('退款申请: replay per certificate', () => {
  it('replays the same certificates in any order, runs again for other certificates under the same after-sale id', async () => {
    const calls: string[][] = [];
    const spi = createDouyinSpi({
      scenario: 'fulfilment.order.refund_apply',
      clientSecret: SECRET,
      onError: () => undefined,
      handler: (apply) => {
        const ids = ((apply as { certificates?: { certificate_id: string }[] }).certificates ?? []).map((c) => c.certificate_id);
        calls.push(ids);
        return calls.length === 1 ? { result: 'approve' } : { result: 'reject', description: `call ${calls.length}` };
      },
    });
    const body = (ids: string[]) => ({
      order_id: 'o1',
      after_sale_id: 'as1',
      certificates: ids.map((certificate_id) => ({ certificate_id, code: '' })),
    });
    const first = await send(spi, { body: body(['c1', 'c2']) });
    const retry = await send(spi, { body: body(['c2', 'c1']) });
    const other = await send(spi, { body: body(['c3']) });
    expect(expectEnvelope(first.text)).toMatchObject({ error_code: 0, result: 1 });
    expect(retry.text).toBe(first.text);
    expect(expectEnvelope(other.text)).toMatchObject({ error_code: 0, result: 2, description: 'call 2' });
    expect(calls).toEqual([['c1', 'c2'], ['c3']]);
  });

  it('finds certificate ids in nested shapes (the request field table is not published)', async () => {
    let calls = 0;
    const spi = createDouyinSpi({
      scenario: 'fulfilment.order.refund_apply',
      clientSecret: SECRET,
      onError: () => undefined,
      handler: () => ({ result: calls++ === 0 ? 'approve' : 'reject' }),
    });
    const a = await send(spi, { body: { order_id: 'o2', refund_info_list: [{ certificate: { certificate_id: 'c9' } }] } });
    const b = await send(spi, { body: { order_id: 'o2', refund_info_list: [{ certificate: { certificate_id: 'c8' } }] } });
    const again = await send(spi, { body: { order_id: 'o2', refund_info_list: [{ certificate: { certificate_id: 'c9' } }] } });
    expect(expectEnvelope(a.text).result).toBe(1);
    expect(expectEnvelope(b.text).result).toBe(2);
    expect(again.text).toBe(a.text);
    expect(calls).toBe(2);
  });

  it('has the documented 8 s budget', () => {
    expect(spiScenarios['fulfilment.order.refund_apply'].budgetMs).toBe(8000);
  });
});

describe('发券: open_id and sku.groupon_type are typed', () => {
  it('delivers them typed', async () => {
    const got: unknown[] = [];
    const spi = createDouyinSpi({
      scenario: 'fulfilment.order.tripartite_code',
      clientSecret: SECRET,
      idempotency: false,
      onError: () => undefined,
      handler: (order) => {
        expectTypeOf(order).toEqualTypeOf<IssueCodeRequest>();
        expectTypeOf(order.open_id).toEqualTypeOf<string | undefined>();
        expectTypeOf<1 | 2 | 3>().toMatchTypeOf<NonNullable<NonNullable<typeof order.sku>['groupon_type']>>();
        got.push([order.open_id, order.sku?.groupon_type]);
        return { result: 'issued', certificates: [{ certificate_id: 'a111', code: 'A' }] };
      },
    });
    const body = {
      order_id: 'o1',
      count: 1,
      open_id: '_000abc',
      sku: { sku_id: '1', sku_name: '双人餐', third_sku_id: 'T1', groupon_type: 1 },
    };
    expect(expectEnvelope((await send(spi, { body })).text)).toMatchObject({ error_code: 0, result: 1 });
    expect(got).toEqual([['_000abc', 1]]);
  });

  it('answers 400 (参数不合法) when groupon_type is not a number', async () => {
    const spi = createDouyinSpi({
      scenario: 'fulfilment.order.tripartite_code',
      clientSecret: SECRET,
      idempotency: false,
      onError: () => undefined,
      handler: () => ({ result: 'issuing' }),
    });
    const res = await send(spi, { body: { order_id: 'o1', sku: { groupon_type: '团餐券' } } });
    expect(res.status).toBe(400);
    expect(expectEnvelope(res.text).description).toContain('sku.groupon_type');
  });
});
