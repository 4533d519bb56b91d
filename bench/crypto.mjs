// The digests of core's signature checks, both implementations, on a 415-byte push body:
// node:crypto (what Node, Bun and Deno use) and the pure @noble/hashes fallback (workerd without
// nodejs_compat, edge-runtime). Prints ns/op; asserts nothing. `node bench/crypto.mjs`
// The crypto module is internal to core, so it is bundled from source here (esbuild, in memory).
import { build } from 'esbuild';
import { Bench } from 'tinybench';
import { createHash, timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../packages/core/src/crypto/index.ts', import.meta.url));
const out = await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'neutral', write: false });
const crypto = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
const found = crypto.findNodeCrypto();
const node = { ...crypto.nodeHashes(found), ...crypto.nodeHmac(found) };
const pure = { ...crypto.pureHashes, ...crypto.pureHmac };

const content = JSON.stringify({
  action: 'verify',
  msg_time: 1679914989,
  certificate: { certificate_id: '7212557509230723106', order_id: '8000000000000000000', account_id: '7120000000000000000' },
});
let body = JSON.stringify({ event: 'life_trade_certificate_notify', client_key: 'aw_contract_client_key', content, log_id: '' });
body = body.replace('"log_id":""', `"log_id":"${'0'.repeat(415 - Buffer.byteLength(body))}"`);
const bytes = new TextEncoder().encode(body);
if (bytes.length !== 415) throw new Error(`body is ${bytes.length} bytes, not 415`);
const secret = 'contract_test_secret';
const given = crypto.hexToBytes(node.sha1Hex([secret, bytes]));

const bench = new Bench({ time: 500, warmupTime: 100 });
// The baseline: what core's signature.ts does before the crypto module (static node:crypto import).
const givenBuffer = Buffer.from(given);
bench.add('baseline: createHash + timingSafeEqual (static import)', () =>
  timingSafeEqual(createHash('sha1').update(secret, 'utf8').update(bytes).digest(), givenBuffer),
);
// What core runs for a push today: verifySignature() (sha1 as hex, compared as lowercase hex).
const { verifySignature } = await import('@douyin-push/core');
const givenHex = node.sha1Hex([secret, bytes]);
bench.add('core verifySignature() (node:crypto, hex compare)', () => verifySignature(bytes, givenHex, secret));
for (const [name, h] of [
  ['node:crypto', node],
  ['pure', pure],
]) {
  bench
    .add(`${name}: push check sha1(secret ‖ 415 B) + equalBytes`, () => crypto.equalBytes(h.sha1([secret, bytes]), given))
    .add(`${name}: sha1Hex`, () => h.sha1Hex([secret, bytes]))
    .add(`${name}: sha256Hex (SPI x-life-sign)`, () => h.sha256Hex([secret, bytes]))
    .add(`${name}: md5Hex (SPI legacy sign)`, () => h.md5Hex([secret, bytes]))
    .add(`${name}: hmacSha256Hex`, () => h.hmacSha256Hex(secret, bytes));
}
await bench.run();
const rows = bench.tasks.map((t) => ({
  task: t.name,
  'ns/op': Math.round(t.result.latency.mean * 1e6),
  samples: t.result.latency.samples.length,
}));
if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
else console.table(rows);
