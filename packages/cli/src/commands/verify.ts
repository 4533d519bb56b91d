import { verifySignature } from '@douyin-push/core';
import { parse } from '../args.js';
import type { Command } from '../command.js';
import { CliUsageError, EXIT } from '../errors.js';
import { readBody } from './sign.js';

/**
 * `douyin-push verify`: checks an `X-Douyin-Signature` against a body and one or more secrets;
 * exits 0 when it matches, 1 when it does not.
 *
 * @example
 * ```sh
 * douyin-push verify --secret S --signature fb7f0b... < body.json && echo authentic
 * ```
 */
export const verifyCommand: Command = {
  name: 'verify',
  summary: 'check an X-Douyin-Signature against a body (exit 0 valid, 1 invalid)',
  help: `Usage: douyin-push verify --secret S --signature SIG [file] < body

Checks SIG against lowercase hex sha1(secret + body) the way the receiver does: hex case is
ignored, the compare is constant-time, and any of several --secret values may match (rotation).

Options:
  --secret S        a client_secret; repeat for several (also read from DOUYIN_CLIENT_SECRET)
  --signature SIG   the X-Douyin-Signature header value
  --json            print {"valid": true|false}
  -h, --help        show this help

Exit status: 0 valid, 1 invalid, 2 usage error.

Example:
  douyin-push verify --secret "$DOUYIN_CLIENT_SECRET" --signature 8b446b07... < push.json`,
  async run(argv, ctx) {
    const { values, positionals } = parse('verify', argv, {
      secret: { type: 'string', multiple: true },
      signature: { type: 'string' },
      json: { type: 'boolean' },
    });
    const secrets = values.secret ?? (ctx.io.env.DOUYIN_CLIENT_SECRET ? [ctx.io.env.DOUYIN_CLIENT_SECRET] : []);
    if (secrets.length === 0 || secrets.some((s) => s === '')) {
      throw new CliUsageError('verify', "missing --secret (the app's client_secret)");
    }
    if (!values.signature) throw new CliUsageError('verify', 'missing --signature (the X-Douyin-Signature header value)');
    const body = await readBody('verify', positionals, ctx.io);
    const valid = verifySignature(body, values.signature.trim(), secrets);
    if (values.json) ctx.io.stdout.write(`${JSON.stringify({ valid })}\n`);
    else if (valid) ctx.io.stdout.write(`${ctx.out.green('✔ valid')}: the signature matches this body and secret\n`);
    else {
      ctx.io.stdout.write(
        `${ctx.out.red('✖ invalid')}: the signature does not match this body with ${secrets.length === 1 ? 'this secret' : 'any of these secrets'}\n` +
          ctx.out.dim('  (the body must be byte for byte what was signed: a re-serialised or newline-terminated copy never matches)\n'),
      );
    }
    return valid ? EXIT.ok : EXIT.failed;
  },
};
