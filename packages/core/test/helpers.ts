import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** ../shared beside the repo (the protocol notes and raw seed files), when it is there. */
export const sharedDir = fileURLToPath(new URL('../../../../shared/', import.meta.url));
export const hasShared = existsSync(`${sharedDir}fixtures`);

export const SECRET = 'test_secret_123';

/** A push request for `handle()`. */
export function post(body: string | Uint8Array, headers: Record<string, string>) {
  return { method: 'POST', url: '/douyin/webhook', headers, body };
}

/** A promise and its resolve, to hold a handler in flight. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
