/**
 * The contract cases (test/contract/suite.ts, the same table as every adapter) against core's
 * web entry running inside one runtime, plus an SPI call (sha256 signature over path + query).
 * Prints one line per runtime: `[runtimes] bun 1.4.5: 16/16 contract cases passed (hashes: node)`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSpiRequest } from '@douyin-push/core/spi';
import { CONTRACT_SECRET, type ContractState } from '../contract/kit.js';
import { describeContract } from '../contract/suite.js';
import type { RunningRuntime } from './launch';

const SPI_PATH = '/douyin/spi/status'; // app/app.ts

interface Task {
  type: string;
  name: string;
  mode: string;
  result?: { state?: string };
  tasks?: Task[];
}

function tests(task: Task): Task[] {
  return task.type === 'test' ? [task] : (task.tasks ?? []).flatMap(tests);
}

/**
 * Registers the contract cases for one runtime; `start` launches it once for the file.
 *
 * @example
 * ```ts
 * describeRuntime('bun', startBun);
 * describeRuntime('workerd', startWorkerd, { contentLength: false }); // it gzips replies, chunked
 * ```
 */
export function describeRuntime(name: string, start: () => Promise<RunningRuntime>, options: { contentLength?: boolean } = {}): void {
  let running: RunningRuntime | undefined;
  let startError: unknown;
  const launched = async (): Promise<RunningRuntime> => {
    if (running) return running;
    try {
      running = await start();
      return running;
    } catch (error) {
      startError = error;
      throw error;
    }
  };

  describe(`runtime: ${name}`, () => {
    afterAll(async (suite) => {
      // Every registered case counts: a runtime that did not start shows 0/16, not 0/0.
      const all = tests(suite as unknown as Task);
      const contract = all.filter((t) => !t.name.startsWith('SPI'));
      const passed = (list: Task[]) => list.filter((t) => t.result?.state === 'pass').length;
      let hashes = '?';
      if (running) hashes = ((await (await fetch(`${running.origin}/runtime-info`)).json()) as { hashes: string }).hashes;
      const version = running?.version ?? '(did not start)';
      console.log(
        `[runtimes] ${name} ${version}: ${passed(contract)}/${contract.length} contract cases passed, SPI ${passed(all) - passed(contract)}/${all.length - contract.length} (hashes: ${hashes})` +
          (startError
            ? `\n[runtimes] ${name}: ${String((startError as Error).message)
                .split('\n')
                .slice(0, 3)
                .join(' | ')}`
            : ''),
      );
      await running?.close();
    });

    describeContract(
      `${name} (core's handleRequest inside the runtime)`,
      async () => {
        const runtime = await launched();
        const state = async () => (await (await fetch(`${runtime.origin}/contract-state`)).json()) as ContractState;
        // The runtime stays up for the SPI case; it is closed once, after both.
        return { origin: runtime.origin, state, close: async () => {} };
      },
      // No adapter here: the app routes by exact path itself (test/runtimes/app/app.ts), as a
      // Bun/Deno/Workers app does; trailing-slash matching is an adapter's job.
      { mountsGivenReceiver: false, trailingSlash: false, ...options },
    );

    describe('SPI', () => {
      beforeAll(launched);
      it('SPI: answers a signed order.status_query, and 401 once the query is changed', async () => {
        const runtime = await launched();
        const request = buildSpiRequest({ secret: CONTRACT_SECRET, path: SPI_PATH, body: { scene: 'fulfil', order_ids: ['1001'] } });
        const ok = await fetch(`${runtime.origin}${request.url}`, { method: 'POST', body: request.body, headers: request.headers });
        const text = await ok.text();
        expect(ok.status, text).toBe(200);
        expect(JSON.parse(text)).toMatchObject({ data: { error_code: 0 } });
        const tampered = await fetch(`${runtime.origin}${request.url.replace('timestamp=', 'timestamp=9')}`, {
          method: 'POST',
          body: request.body,
          headers: request.headers,
        });
        expect(tampered.status).toBe(401);
      });
    });
  });
}
