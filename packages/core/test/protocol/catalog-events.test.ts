import { describe, expect, it } from 'vitest';
import { createDouyinWebhooks, type DouyinAnyEvent } from '@douyin-push/core';
import { buildPush } from '@douyin-push/core/testing';
// Not on the public entry yet (the lead exports it); the schema itself is the thing under test.
import { catalogEventSchemas, lifeTakeoutBillLedgerCreate } from '../../src/events/schemas.js';
import { SECRET } from '../helpers';

// The documented fields of 账单确认 (docs/protocol.md#event-bill-ledger), all amounts in fen.
const amounts = {
  sale_price: 3990,
  estimated_order_income: 3200,
  activities_fee_amount: 300,
  commission_amount: 290,
  platform_deliver_freight_fee: 0,
  merchant_deliver_freight_fee: 200,
  freight_pay_amount: 300,
};
const billLedger = {
  order: { order_id: '1081234567890123456', ...amounts },
  poi_id: '7012345678901234567',
  amount_change: { ...amounts, sale_price: -500 },
};

describe('life_takeout_bill_ledger_create schema', () => {
  it('parses a body built from every documented field', () => {
    const parsed = lifeTakeoutBillLedgerCreate.parse(billLedger);
    expect(parsed).toEqual(billLedger);
  });

  it('accepts amounts sent as numeric strings and ids sent as numbers', () => {
    const parsed = lifeTakeoutBillLedgerCreate.parse({ ...billLedger, poi_id: 70123, order: { ...billLedger.order, sale_price: '3990' } });
    expect(parsed.poi_id).toBe('70123');
    expect(parsed.order.sale_price).toBe(3990);
  });

  it('flags wrong types and missing documented fields', () => {
    const result = lifeTakeoutBillLedgerCreate.safeParse({
      order: { ...billLedger.order, commission_amount: '2.90', estimated_order_income: undefined },
      poi_id: { id: 1 },
      amount_change: { sale_price: true },
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['order.commission_amount', 'order.estimated_order_income', 'poi_id', 'amount_change.sale_price']),
    );
  });

  it('through a receiver: delivered typed, and flagged (not dropped) when a field has the wrong type', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, schemas: catalogEventSchemas, onSchemaMismatch: () => {} });
    const events: DouyinAnyEvent[] = [];
    const incomes: number[] = [];
    webhooks.onAny((event) => void events.push(event));
    webhooks.on('life_takeout_bill_ledger_create', (event) => void incomes.push(event.content.order.estimated_order_income));
    const send = (content: unknown, msgId: string) =>
      webhooks.handle({
        method: 'POST',
        ...buildPush({ event: 'life_takeout_bill_ledger_create', content: content as never, secret: SECRET, msgId }),
      });
    expect((await send(billLedger, 'm1')).status).toBe(200);
    expect((await send({ ...billLedger, order: { ...billLedger.order, freight_pay_amount: 'free' } }, 'm2')).status).toBe(200);
    expect(incomes).toEqual([3200, 3200]);
    expect(events[0]!.schemaIssues).toBeUndefined();
    expect(events[1]!.schemaIssues?.map((issue) => issue.path.join('.'))).toEqual(['order.freight_pay_amount']);
  });
});

describe('catalogue events without published fields', () => {
  it('routes each by name with its content as an open record', async () => {
    const webhooks = createDouyinWebhooks({ clientSecret: SECRET, schemas: catalogEventSchemas });
    const names = Object.keys(catalogEventSchemas).filter((name) => name !== 'life_takeout_bill_ledger_create') as Exclude<
      keyof typeof catalogEventSchemas,
      'life_takeout_bill_ledger_create'
    >[];
    const seen: string[] = [];
    for (const name of names) webhooks.on(name, (event) => void seen.push(`${event.name}:${String(event.content.order_id)}`));
    for (const [i, name] of names.entries()) {
      const push = buildPush({ event: name, content: { order_id: `o${i}` } as never, secret: SECRET, msgId: `m${i}` });
      expect((await webhooks.handle({ method: 'POST', ...push })).status).toBe(200);
    }
    expect(seen).toEqual(names.map((name, i) => `${name}:o${i}`));
    expect(names).toHaveLength(19);
  });
});
