import { fileURLToPath } from 'node:url';

/** The raw samples as Douyin sent them, byte for byte (test/fixtures/README.md says where they come from). */
export const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url));

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
