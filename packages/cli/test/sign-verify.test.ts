import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers';

// Known answers from the protocol notes §4 (Python hashlib and Node crypto agree).
const SECRET = 'test_secret_123';
const CHALLENGE = '{"event":"verify_webhook","client_key":"abc","content":{"challenge":12345}}';
const CHALLENGE_SIG = 'fb7f0bfec5efd2fabbe803e03bfc6b0a186258e3';
const ORDER =
  '{"event":"life_trade_order_notify","client_key":"awxxxx","content":"{\\"action\\":\\"pay_success\\",\\"msg_time\\":1722175826,\\"order\\":{\\"order_id\\":\\"1065946966824669548\\",\\"account_id\\":\\"7376546762393143333\\",\\"pay_amount\\":100,\\"original_amount\\":100,\\"create_time\\":1722175821,\\"pay_time\\":1722175822}}","log_id":"021722175823563fdbddc01000b049500000000000000441114c6"}';
const ORDER_SIG = '8b446b078424213f78447bdd7a2b7e2d7b325215';

describe('douyin-push sign', () => {
  it('prints the known signature of a body on stdin', async () => {
    expect(await runCli(['sign', '--secret', SECRET], { input: CHALLENGE })).toEqual({ code: 0, stdout: `${CHALLENGE_SIG}\n`, stderr: '' });
    expect((await runCli(['sign', '--secret', SECRET, '--json'], { input: ORDER })).stdout).toBe(`{"signature":"${ORDER_SIG}"}\n`);
  });

  it('signs every byte: a trailing newline changes the signature', async () => {
    const result = await runCli(['sign', '--secret', SECRET], { input: `${CHALLENGE}\n` });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^[0-9a-f]{40}$/);
    expect(result.stdout.trim()).not.toBe(CHALLENGE_SIG);
  });

  it('reads a file and takes the secret from DOUYIN_CLIENT_SECRET', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'douyin-cli-'));
    try {
      await writeFile(join(dir, 'body.json'), ORDER);
      const result = await runCli(['sign', join(dir, 'body.json')], { env: { DOUYIN_CLIENT_SECRET: SECRET } });
      expect(result.stdout).toBe(`${ORDER_SIG}\n`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('no secret: exit 2 and says what is missing', async () => {
    const result = await runCli(['sign'], { input: CHALLENGE });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("@douyin-push/cli: missing --secret (the app's client_secret)");
    expect(result.stderr).toContain("Run 'douyin-push sign --help' for usage.");
  });
});

describe('douyin-push verify', () => {
  it('exit 0 for a matching signature, in either hex case', async () => {
    const lower = await runCli(['verify', '--secret', SECRET, '--signature', CHALLENGE_SIG], { input: CHALLENGE });
    expect(lower.code).toBe(0);
    expect(lower.stdout).toContain('✔ valid');
    const upper = await runCli(['verify', '--secret', SECRET, '--signature', ORDER_SIG.toUpperCase(), '--json'], { input: ORDER });
    expect({ code: upper.code, out: JSON.parse(upper.stdout) }).toEqual({ code: 0, out: { valid: true } });
  });

  it('exit 1 for a wrong secret or a changed body', async () => {
    const wrongSecret = await runCli(['verify', '--secret', 'other', '--signature', CHALLENGE_SIG], { input: CHALLENGE });
    expect(wrongSecret.code).toBe(1);
    expect(wrongSecret.stdout).toContain('✖ invalid');
    const changed = await runCli(['verify', '--secret', SECRET, '--signature', CHALLENGE_SIG, '--json'], { input: `${CHALLENGE} ` });
    expect({ code: changed.code, out: JSON.parse(changed.stdout) }).toEqual({ code: 1, out: { valid: false } });
  });

  it('any of several --secret values may match (rotation)', async () => {
    const result = await runCli(['verify', '--secret', 'old', '--secret', SECRET, '--signature', CHALLENGE_SIG], { input: CHALLENGE });
    expect(result.code).toBe(0);
  });

  it('no --signature: exit 2 with a clear message', async () => {
    const result = await runCli(['verify', '--secret', SECRET], { input: CHALLENGE });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing --signature');
  });
});
