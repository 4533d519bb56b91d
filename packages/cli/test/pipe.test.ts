import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, listen, readBody, runNode } from './helpers';

const PKG = new URL('../package.json', import.meta.url);

describe('douyin-push on a pipe', () => {
  it('`douyin-push send … | head -1`: the reader closes the pipe, the CLI exits 0 without a stack trace', async () => {
    // The first push is answered at once; the others only after the reader has closed the pipe,
    // so the CLI's next write certainly meets a closed pipe (EPIPE).
    let readerGone!: () => void;
    const closed = new Promise<void>((resolve) => (readerGone = resolve));
    let requests = 0;
    const receiver = await listen(async (req, res) => {
      await readBody(req);
      if (++requests > 1) await closed;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    try {
      const child = spawn(
        process.execPath,
        [BIN, 'send', 'life_trade_order_notify', '--url', receiver.url, '--secret', 'S', '--count', '3'],
        {
          env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      // What `head -1` does: read one line, then close its end of the pipe.
      const firstLine = await new Promise<string>((resolve) => {
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
        });
      });
      child.stdout.destroy();
      readerGone();
      const code = await exited;
      expect(firstLine).toMatch(/^✔ 200 /);
      expect(requests).toBeGreaterThan(1); // the CLI went on sending, so it did write after the close
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    } finally {
      await receiver.close();
    }
  });

  it('the package bin is a committed file outside dist/ (linked at install, before any build), and it runs the CLI', async () => {
    const { bin } = JSON.parse(readFileSync(PKG, 'utf8')) as { bin: Record<string, string> };
    expect(bin['douyin-push']).toBe('./bin/douyin-push.mjs');
    const result = await runNode([fileURLToPath(new URL(bin['douyin-push']!, PKG)), '--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
