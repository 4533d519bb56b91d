import { describe, expect, it } from 'vitest';
import { matchesPath, requestPath } from '@douyin-push/core/adapter';

describe('matchesPath', () => {
  it.each([
    ['/douyin/webhook', '/douyin/webhook', true],
    ['/douyin/webhook?x=1&sign=abc', '/douyin/webhook', true],
    ['/douyin/webhook/', '/douyin/webhook', true],
    ['http://127.0.0.1:3000/douyin/webhook?x=1', '/douyin/webhook', true],
    ['/douyin/webhook/more', '/douyin/webhook', false],
    ['/douyin/webhookx', '/douyin/webhook', false],
    ['/other', '/douyin/webhook', false],
    ['/anything', undefined, true],
  ])('%s vs %s → %s', (url, path, expected) => {
    expect(matchesPath(url, path)).toBe(expected);
  });

  it('strips query, hash and one trailing slash', () => {
    expect(requestPath('/a/b/?q#h')).toBe('/a/b');
    expect(requestPath('/')).toBe('/');
  });
});
