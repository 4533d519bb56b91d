import { describe, expect, inject, it } from 'vitest';
import { buildPush, signedHeaders } from '@douyin-push/core/testing';
import { buildSpiRequest } from '@douyin-push/core/spi';
import { NEXT_SECRET } from './constants';

// Next.js specifics, over real HTTP against the built app (`next build` + `next start`). The
// shared adapter cases run in contract.test.ts.
const url = inject('nextTestAppUrl');
const routes = { app: '/api/douyin', pages: '/api/douyin-pages' } as const;

interface TestState {
  handled: string[];
  errors: { code: string; message: string }[];
}
const state = async (): Promise<TestState> => (await fetch(`${url}/api/test-state`)).json() as Promise<TestState>;
const push = (status = 'GOODS_ONLINE') =>
  buildPush({ event: 'life_product_status_change', content: { product_id: '42', status }, secret: NEXT_SECRET });
const send = (path: string, p: { headers: Record<string, string>; body: string }) =>
  fetch(url + path, { method: 'POST', headers: p.headers, body: p.body });

describe.each(Object.entries(routes))('%s router', (_router, path) => {
  it('handles a signed push once, and answers its duplicate 200 without running it again', async () => {
    const p = push();
    const first = await send(path, p);
    expect(first.status).toBe(200);
    expect((await state()).handled.filter((id) => id === p.msgId)).toHaveLength(1);
    expect((await send(path, p)).status).toBe(200);
    expect((await state()).handled.filter((id) => id === p.msgId)).toHaveLength(1);
  });

  it('lets core answer GET with 405 and Allow: POST', async () => {
    const res = await fetch(url + path);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(await res.json()).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
  });

  it('refuses a forged signature (401) and runs nothing', async () => {
    const p = buildPush({ event: 'life_product_status_change', content: { product_id: '1', status: 'GOODS_ONLINE' }, secret: NEXT_SECRET, signature: { forgeWith: 'x' } });
    expect((await send(path, p)).status).toBe(401);
    expect((await state()).handled).not.toContain(p.msgId);
  });

  it('answers 413 to a body over maxBodyBytes', async () => {
    const body = JSON.stringify({ event: 'life_product_status_change', client_key: 'aw', content: 'x'.repeat(1024 * 1024 + 10), log_id: '1' });
    const res = await send(path, { body, headers: signedHeaders(body, NEXT_SECRET, { msgId: 'big' }) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
  });

  it('answers 500 when a handler fails, so Douyin retries', async () => {
    const p = push('FAIL_ME');
    const res = await send(path, p);
    expect(res.status).toBe(500);
    expect((await state()).handled).not.toContain(p.msgId);
  });
});

it('shares one receiver (one dedupe store) between the App and Pages routes', async () => {
  const p = push();
  expect((await send(routes.app, p)).status).toBe(200);
  const again = await send(routes.pages, p);
  expect(again.status).toBe(200);
  expect((await state()).handled.filter((id) => id === p.msgId)).toHaveLength(1);
});

it('refuses a Pages route whose body Next already parsed, naming the fix', async () => {
  const p = push();
  const res = await send('/api/douyin-pages-parsed', p);
  expect(res.status).toBe(500);
  expect(await res.json()).toMatchObject({ code: 'RAW_BODY_UNAVAILABLE' });
  const { errors, handled } = await state();
  expect(handled).not.toContain(p.msgId);
  expect(errors.at(-1)).toMatchObject({ code: 'RAW_BODY_UNAVAILABLE' });
  expect(errors.at(-1)?.message).toContain('@douyin-push/next');
  expect(errors.at(-1)?.message).toContain('export const config = { api: { bodyParser: false } }');
});

describe.each([
  ['app', '/api/spi-member'],
  ['pages', '/api/spi-member-pages'],
])('SPI receiver on the %s router', (_router, path) => {
  it('gets the path and the query untouched (the signature covers them)', async () => {
    const req = buildSpiRequest({
      secret: NEXT_SECRET,
      path,
      query: { note: 'a b&c=d/中' },
      body: { open_id: 'o1', account_id: '1', update_time: '1709705974' },
    });
    const res = await fetch(new URL(req.url, url), { method: 'POST', headers: req.headers, body: req.body });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { error_code: 0, description: 'success', seen_query_note: 'a b&c=d/中', open_id: 'o1' } });
  });

  it('is refused with a wrong signature', async () => {
    const req = buildSpiRequest({ secret: 'wrong', path, body: { open_id: 'o1', account_id: '1', update_time: '1' } });
    const res = await fetch(new URL(req.url, url), { method: 'POST', headers: req.headers, body: req.body });
    expect(res.status).toBe(401);
  });
});
