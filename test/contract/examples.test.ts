// The express and koa examples, run as users run them (`tsx src/server.ts`, built packages:
// `pnpm test` builds first), driven over real HTTP with the seed samples.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtures, signedHeaders } from '@douyin-push/core/testing';

const root = fileURLToPath(new URL('../../', import.meta.url));
const secret = 'example_test_secret';

interface Running {
  url: string;
  output: () => string;
  child: ChildProcess;
}

function startExample(name: string): Promise<Running> {
  const cwd = `${root}examples/${name}`;
  const child = spawn(`${cwd}/node_modules/.bin/tsx`, ['src/server.ts'], {
    cwd,
    env: { ...process.env, PORT: '0', DOUYIN_CLIENT_SECRET: secret, REDIS_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/douyin\/webhook)/.exec(output);
      if (match) resolve({ url: match[1]!, output: () => output, child });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`example ${name} exited (${code}) before listening:\n${output}`)));
  });
}

async function until(check: () => boolean): Promise<void> {
  // Log lines arrive through a pipe a moment after the reply; poll briefly (no timing assertion).
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
}

describe.each(['express', 'koa'])('examples/%s', (name) => {
  let running: Running | undefined;
  afterAll(() => {
    running?.child.kill('SIGTERM');
  });

  it('starts, handles the seed samples and logs one line per event', async () => {
    expect(existsSync(`${root}packages/${name}/dist/index.js`), `run \`pnpm build\` first (packages/${name}/dist is missing)`).toBe(true);
    running = await startExample(name);
    for (const [event, body] of Object.entries(fixtures)) {
      const res = await fetch(running.url, { method: 'POST', body, headers: signedHeaders(body, secret, { msgId: `example-${event}` }) });
      expect(res.status, await res.text()).toBe(200);
    }
    const r = running;
    await until(() => (r.output().match(/^\[douyin\] /gm) ?? []).length >= 4);
    const lines = r
      .output()
      .split('\n')
      .filter((l) => l.startsWith('[douyin] '));
    expect(lines).toHaveLength(4);
    expect(r.output()).toContain('order paid: order_id=1065946966824669548 pay_amount=100');
    expect(r.output()).toContain('certificate verify: certificate_id=456');
    expect(r.output()).not.toContain('DEMO secret');
  });

  it('logs a forged push as an error and answers 401', async () => {
    const body = fixtures.life_product_status_change;
    const res = await fetch(running!.url, { method: 'POST', body, headers: signedHeaders(body, 'wrong', { msgId: 'forged' }) });
    expect(res.status).toBe(401);
    const r = running!;
    await until(() => r.output().includes('401 SIGNATURE_MISMATCH'));
    expect(r.output()).toContain('[douyin] 401 SIGNATURE_MISMATCH');
  });
});
