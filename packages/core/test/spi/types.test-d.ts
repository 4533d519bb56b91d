import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  createDouyinSpi,
  defineSpiScenario,
  issueCode,
  type DouyinSpi,
  type IssueCodeRequest,
  type PreCreateOrderRequest,
  type SpiContext,
  type SpiScenarioName,
  spiRawReply,
} from '@douyin-push/core/spi';
import type { DouyinReceiver } from '@douyin-push/core';

describe('createDouyinSpi types', () => {
  it('types the handler from the scenario name or object', () => {
    const byName = createDouyinSpi({
      scenario: 'trade.order.pre_create_order',
      clientSecret: 's',
      handler: (order, context) => {
        expectTypeOf(order).toEqualTypeOf<PreCreateOrderRequest>();
        expectTypeOf(context).toEqualTypeOf<SpiContext>();
        return { result: 'refuse', reason: 'sold_out' };
      },
    });
    expectTypeOf(byName).toExtend<DouyinReceiver>();
    const byObject = createDouyinSpi({ scenario: issueCode, clientSecret: 's', handler: async () => ({ result: 'issuing' }) });
    expectTypeOf(byObject).toEqualTypeOf<DouyinSpi<typeof issueCode>>();
    createDouyinSpi({
      scenario: 'fulfilment.order.tripartite_code',
      clientSecret: 's',
      handler: (order) => {
        expectTypeOf(order).toEqualTypeOf<IssueCodeRequest>();
        return { result: 'issued', certificates: [{ certificate_id: 'c', code: 'x' }] };
      },
    });
  });

  it('rejects replies of the wrong shape', () => {
    const base = { clientSecret: 's' } as const;
    // @ts-expect-error 'maybe' is not a refund decision
    createDouyinSpi({ ...base, scenario: 'fulfilment.order.refund_apply', handler: () => ({ result: 'maybe' }) });
    // @ts-expect-error a refusal needs a reason
    createDouyinSpi({ ...base, scenario: 'trade.order.pre_create_order', handler: () => ({ result: 'refuse' }) });
    // @ts-expect-error issued needs certificates
    createDouyinSpi({ ...base, scenario: 'fulfilment.order.tripartite_code', handler: () => ({ result: 'issued' }) });
    // prettier-ignore
    // @ts-expect-error onTimeout is a refund decision or 'system-error'
    createDouyinSpi({ ...base, scenario: 'fulfilment.order.refund_apply', handler: () => ({ result: 'pending' }), onTimeout: { result: 'allow' } });
    // The same calls with valid replies compile:
    createDouyinSpi({ ...base, scenario: 'fulfilment.order.refund_apply', handler: () => ({ result: 'approve' }) });
    createDouyinSpi({ ...base, scenario: 'trade.order.pre_create_order', handler: () => ({ result: 'refuse', reason: 5 }) });
    createDouyinSpi({
      ...base,
      scenario: 'fulfilment.order.refund_apply',
      handler: () => ({ result: 'pending' }),
      onTimeout: { result: 'pending' },
    });
  });

  it('accepts a scenario chosen at run time with a raw reply', () => {
    const name = 'fulfilment.order.refund_apply' as SpiScenarioName;
    const spi = createDouyinSpi({
      scenario: name,
      clientSecret: 's',
      handler: () => spiRawReply({ error_code: 0, description: 'success' }),
    });
    expectTypeOf(spi).toExtend<DouyinReceiver>();
  });

  it('types custom scenarios from their schema', () => {
    const join = defineSpiScenario({ name: 'merchant.member.join', schema: z.looseObject({ open_id: z.string() }) });
    createDouyinSpi({
      scenario: join,
      clientSecret: 's',
      handler: (body) => {
        expectTypeOf(body.open_id).toEqualTypeOf<string>();
      },
    });
  });
});
