import { describe, expect, inject, it } from 'vitest';
import { buildPush } from '@douyin-push/core/testing';
import { NEXT_SECRET } from './constants';

// examples/next exactly as shipped, built and started: its two routes answer real pushes.
const url = inject('nextExampleUrl');

describe.each([['app', '/api/douyin'], ['pages', '/api/douyin-pages']])('examples/next, %s router', (_router, path) => {
  it('answers a signed push 200, its duplicate 200 (marked duplicate), and GET 405', async () => {
    const push = buildPush({ event: 'life_trade_certificate_notify', content: { action: 'verify', msg_time: 1, certificate: { certificate_id: 'c1', order_id: 'o1', account_id: 'a1' } }, secret: NEXT_SECRET });
    const first = await fetch(url + path, { method: 'POST', headers: push.headers, body: push.body });
    expect(first.status).toBe(200);
    expect(await first.json()).not.toHaveProperty('duplicate');
    const again = await fetch(url + path, { method: 'POST', headers: push.headers, body: push.body });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect((await fetch(url + path)).status).toBe(405);
  });
});
