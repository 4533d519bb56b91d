import { describe, expect, inject, it } from 'vitest';
import { buildSpiRequest } from '@douyin-push/core/spi';
import { buildPush } from '@douyin-push/core/testing';
import { CONTRACT_PATH, CONTRACT_SECRET, type ContractState } from '../contract/kit.js';
import { NEXT_SECRET } from './constants';

// Next.js specifics, over real HTTP against the built test app. The shared cases are in
// contract.test.ts.
const base = inject('nextTestAppUrl');
const state = async (): Promise<ContractState> => (await fetch(`${base}/contract-state`)).json() as Promise<ContractState>;
const certificate = (msgId: string) =>
  buildPush({
    event: 'life_trade_certificate_notify',
    content: { action: 'verify', msg_time: 1679914989, certificate: { certificate_id: '72', order_id: '800', account_id: '712' } },
    secret: CONTRACT_SECRET,
    msgId,
  });
const post = (url: string, push: { headers: Record<string, string>; body: string }) =>
  fetch(url, { method: 'POST', headers: push.headers, body: push.body });

it('shares one receiver (handlers and dedupe store) between the App and the Pages route', async () => {
  const push = certificate(`next-shared-${Date.now()}`);
  expect((await post(`${base}/app-router${CONTRACT_PATH}`, push)).status).toBe(200);
  const again = await post(`${base}/api${CONTRACT_PATH}`, push);
  expect(again.status).toBe(200);
  expect(await again.json()).toMatchObject({ duplicate: true });
  expect((await state()).calls.filter((c) => c.msgId === push.msgId)).toHaveLength(1);
});

it('refuses a Pages route whose body Next already parsed (500 RAW_BODY_UNAVAILABLE), naming the fix', async () => {
  const push = certificate(`next-parsed-${Date.now()}`);
  const res = await post(`${base}/api/parsed${CONTRACT_PATH}`, push);
  expect(res.status).toBe(500);
  expect(await res.json()).toMatchObject({ code: 'RAW_BODY_UNAVAILABLE' });
  const { calls, errors } = await state();
  expect(calls.filter((c) => c.msgId === push.msgId)).toEqual([]);
  const reported = errors.filter((e) => e.msgId === push.msgId || e.code === 'RAW_BODY_UNAVAILABLE');
  expect(reported.map((e) => e.code)).toEqual(['RAW_BODY_UNAVAILABLE']);
  expect(reported[0]!.message).toMatch(/^@douyin-push\/next: .*export const config = \{ api: \{ bodyParser: false \} \}/);
});

describe.each([
  ['App', '/api/spi-member'],
  ['Pages', '/api/spi-member-pages'],
])('an SPI receiver on the %s Router', (_router, path) => {
  const send = (req: ReturnType<typeof buildSpiRequest>, url = req.url) =>
    fetch(new URL(url, base), { method: 'POST', headers: req.headers, body: req.body });
  const member = { open_id: 'o1', account_id: '1', update_time: '1709705974' };

  it('gets the path and the query untouched (the signature covers the query)', async () => {
    const req = buildSpiRequest({ secret: NEXT_SECRET, path, query: { note: 'a b&c=d/中' }, body: member });
    const res = await send(req);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { error_code: 0, description: 'success', seen_query_note: 'a b&c=d/中', open_id: 'o1' } });
  });

  it('is refused (401) when the query was changed on the way', async () => {
    const req = buildSpiRequest({ secret: NEXT_SECRET, path, body: member });
    expect((await send(req, req.url.replace('timestamp=', 'timestamp=9'))).status).toBe(401);
  });
});

it("acks before handling when asked to, the handler kept alive by Next's after()", async () => {
  const push = certificate(`next-early-${Date.now()}`);
  const res = await post(`${base}/early-ack`, push);
  // The handler is still waiting at its gate: the 200 came first.
  expect(res.status).toBe(200);
  let done: string[] = (await (await fetch(`${base}/early-ack`)).json()).done;
  expect(done).not.toContain(push.msgId);
  done = (await (await fetch(`${base}/early-ack?open=${push.msgId}`)).json()).done;
  for (let i = 0; i < 100 && !done.includes(push.msgId!); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    done = (await (await fetch(`${base}/early-ack`)).json()).done;
  }
  expect(done).toContain(push.msgId);
});
