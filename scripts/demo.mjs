// `pnpm demo`: play Douyin against the express example with the douyin-push CLI.
// `node scripts/demo.mjs fastify` (after `pnpm build`) runs it against another example.
//
// Starts examples/express on a free port with a demo secret, then runs the built CLI (the same
// `douyin-push` a user runs) to send every seed sample, a redelivery of one of them, a forged
// push and a URL-verification challenge. Prints what was handled and what was refused, stops
// the server, and exits 0 only if every answer was the expected one.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

// picocolors is the CLI's dependency, not the root's: load it from there.
const { createColors } = createRequire(new URL('../packages/cli/package.json', import.meta.url))('picocolors');

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url));
// `node scripts/demo.mjs fastify` runs the same demo against another example.
const example = process.argv[2] ?? 'express';
const exampleDir = fileURLToPath(new URL(`../examples/${example}/`, import.meta.url));
const SECRET = 'demo_client_secret';
const PATH = process.env.DEMO_WEBHOOK_PATH ?? '/douyin/webhook';
const SEEDS = ['life_trade_order_notify', 'life_trade_certificate_notify', 'life_product_common_audit', 'life_product_status_change'];

const color = !process.env.NO_COLOR && (Boolean(process.stdout.isTTY) || Boolean(process.env.FORCE_COLOR));
const c = createColors(color);
const say = (line = '') => process.stdout.write(`${line}\n`);

const plain = (text) => text.replace(/\u001b\[[0-9;]*m/g, '');

if (!existsSync(bin)) fail(`${bin} is missing. Run \`pnpm demo\` (it builds first) or \`pnpm build\`.`);
if (!existsSync(`${exampleDir}src/server.ts`)) fail(`examples/${example}/src/server.ts is missing.`);

const port = await freePort();
const url = `http://127.0.0.1:${port}${PATH}`;
const receiverLog = [];
let stopping = false;
const server = startReceiver(port);
const problems = [];

process.on('SIGINT', () => stop(130));

try {
  say(c.bold('douyin-push demo') + c.dim(`  · a local "Douyin" pushing to the ${example} example`));
  say();
  say(`Starting ${c.cyan(`examples/${example}`)} on ${c.cyan(url)} with client_secret ${c.cyan(SECRET)} …`);
  await waitUntilListening(port, 30_000);
  say(c.green('Receiver is up.'));

  // 1. Every seed sample: the raw bodies from Douyin's docs, signed with the app's secret.
  step(1, 'Every seed sample from the Douyin docs, signed with the right secret', 'each answered 200 and handled once');
  const handled = [];
  for (const event of SEEDS) {
    const run = await cli(['send', event, '--seed', '--url', url, '--secret', SECRET]);
    const logs = await newReceiverLines(run.logFrom);
    if (run.code === 0 && /^✔ 200 /m.test(plain(run.stdout))) handled.push(event);
    else problems.push(`${event}: expected 200, got exit ${run.code}`);
    if (!logs.some((line) => handledLine(line, event, run.msgId))) problems.push(`${event}: the receiver logged no handled event`);
  }

  // 2. Douyin delivers again (same bytes, same Msg-Id): answered 200 so Douyin stops, handler not rerun.
  step(2, 'Douyin delivers the product status push again (same Msg-Id)', 'answered 200, not handled a second time');
  const dup = await cli(['send', 'life_product_status_change', '--seed', '--url', url, '--secret', SECRET]);
  const dupLogs = await newReceiverLines(dup.logFrom);
  const dupOk = dup.code === 0 && /^✔ 200 /m.test(plain(dup.stdout));
  if (!dupOk) problems.push(`duplicate: expected 200, got exit ${dup.code}`);
  if (dupLogs.some((line) => handledLine(line, 'life_product_status_change', dup.msgId))) {
    problems.push('duplicate: the receiver handled the same Msg-Id twice');
  }

  // 3. A push signed with the wrong secret: refused with 401, never handled.
  step(3, "A forged push, signed with a secret that is not the app's", 'refused with 401, never handled');
  const forged = await cli(['send', 'life_trade_order_notify', '--url', url, '--secret', 'not_the_real_secret']);
  const forgedLogs = await newReceiverLines(forged.logFrom);
  const forgedOk = forged.code === 1 && /^✖ 401 /m.test(plain(forged.stdout));
  if (!forgedOk) problems.push(`forged push: expected 401, got exit ${forged.code}`);
  if (forgedLogs.some((line) => handledLine(line, 'life_trade_order_notify', forged.msgId))) {
    problems.push('forged push: the receiver ran a handler for it');
  }

  // 4. The console's URL check: the challenge comes back unchanged.
  step(4, 'URL verification (verify_webhook), as when you save the URL in the console', 'the challenge echoed back');
  const challenge = await cli(['send', 'verify_webhook', '--url', url, '--secret', SECRET]);
  await newReceiverLines(challenge.logFrom);
  const challengeOk = challenge.code === 0 && plain(challenge.stdout).includes('{"challenge":12345}');
  if (!challengeOk) problems.push(`verify_webhook: expected {"challenge":12345}, got exit ${challenge.code}`);

  say();
  say(c.bold('What happened'));
  say(`  ${c.green('handled')}   ${handled.length} of ${SEEDS.length} seed pushes: ${handled.join(', ') || '-'}`);
  say(`  ${dupOk ? c.green('200') : c.red('FAIL')}       the redelivered push was acknowledged without running the handler again`);
  say(`  ${forgedOk ? c.yellow('refused') : c.red('FAIL')}   the forged push (401, X-Douyin-Signature mismatch)`);
  say(`  ${challengeOk ? c.green('echoed') : c.red('FAIL')}    the verify_webhook challenge`);
  say();
  if (problems.length === 0) {
    say(c.green(c.bold('✔ Everything answered as Douyin expects.')));
    say();
    say('Try it yourself, against your own receiver:');
    say(
      c.cyan(
        `  npx -y pnpm@10.34.9 exec douyin-push send life_trade_order_notify --url http://127.0.0.1:3000${PATH} --secret "$DOUYIN_CLIENT_SECRET" --as-douyin`,
      ),
    );
    say(c.cyan('  npx -y pnpm@10.34.9 exec douyin-push events') + c.dim('        # every event and SPI scenario, with a sample'));
    say(c.cyan('  npx -y pnpm@10.34.9 exec douyin-push --help'));
  } else {
    say(c.red(c.bold(`✖ ${problems.length} unexpected result(s):`)));
    for (const problem of problems) say(c.red(`  - ${problem}`));
  }
  await stop(problems.length === 0 ? 0 : 1);
} catch (error) {
  say(c.red(`✖ ${error instanceof Error ? error.message : String(error)}`));
  if (receiverLog.length > 0) {
    say(c.dim('Receiver output:'));
    for (const line of receiverLog.slice(-20)) say(c.dim(`  ${line}`));
  }
  await stop(1);
}

/**
 * Whether a receiver log line says it handled this push: the examples log each handled event
 * with its name or its Msg-Id; refusals log (if at all) with their status and error code.
 */
function handledLine(line, event, msgId) {
  const mentions = line.includes(event) || (msgId !== undefined && line.includes(msgId));
  return mentions && !/SIGNATURE_|DUPLICATE|duplicate|refused|\b[45]\d\d [A-Z_]{4,}|"level":(40|50)/.test(line);
}

function step(n, title, expectation) {
  say();
  say(`${c.bold(`${n}. ${title}`)}  ${c.dim(`→ expect: ${expectation}`)}`);
}

/** Runs the built CLI the way a user does, shows the command and its output. */
async function cli(args) {
  const shown = args.map((arg) => (arg === url ? url : /[\s"'{}]/.test(arg) ? `'${arg}'` : arg)).join(' ');
  say(c.dim(`  $ douyin-push ${shown}`));
  const logFrom = receiverLog.length;
  const env = { ...process.env, ...(color ? { FORCE_COLOR: '1' } : { NO_COLOR: '1' }) };
  delete env.DOUYIN_CLIENT_SECRET;
  const result = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, logFrom }));
  });
  // The attempt lines only; the CLI's summary line repeats what the demo's summary says.
  for (const line of result.stdout.split('\n')) if (/^\S*[✔✖⏱]/.test(plain(line))) say(`  ${line}`);
  for (const line of result.stderr.split('\n').filter(Boolean)) say(`  ${c.red(line)}`);
  // The attempt line shows the first 8 hex digits of the Msg-Id; receivers log the whole id.
  const msgId = /  msg ([0-9a-f]{8})…/.exec(plain(result.stdout))?.[1];
  return { ...result, msgId };
}

/** The receiver lines logged since `from` (after a moment, so lines written with the reply arrive). */
async function newReceiverLines(from) {
  await new Promise((resolve) => setTimeout(resolve, 150));
  const lines = receiverLog.slice(from);
  for (const line of lines) {
    const shown = compact(line);
    if (shown) say(c.dim(`  │ receiver: ${shown.length > 200 ? `${shown.slice(0, 200)}…` : shown}`));
  }
  return lines;
}

/** A JSON log line (pino and friends) as `msg key=value …`, without the per-request noise. */
function compact(line) {
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  if (entry === null || typeof entry !== 'object') return line;
  if (entry.msg === 'incoming request' || entry.msg === 'request completed') return '';
  const skip = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'req', 'res', 'reqId', 'responseTime', 'v']);
  const fields = Object.entries(entry)
    .filter(([key]) => !skip.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const message = typeof entry.msg === 'string' && entry.msg.length > 140 ? `${entry.msg.slice(0, 140)}…` : entry.msg;
  return [message, ...fields].filter(Boolean).join('  ');
}

function startReceiver(listenPort) {
  const env = { ...process.env, PORT: String(listenPort), DOUYIN_CLIENT_SECRET: SECRET, NO_COLOR: '1' };
  // The demo must not depend on (or write to) a Redis the user happens to run: memory dedupe.
  delete env.REDIS_URL;
  delete env.FORCE_COLOR;
  // `node --import tsx` (what the example's `tsx src/server.ts` does) keeps it one process to stop.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: exampleDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream.setEncoding('utf8').on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      receiverLog.push(...lines.filter((line) => line.trim() !== ''));
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      say(c.red(`✖ The receiver exited unexpectedly (${signal ?? `code ${code}`}).`));
      for (const line of receiverLog.slice(-20)) say(c.dim(`  ${line}`));
      process.exit(1);
    }
  });
  return child;
}

async function stop(code) {
  stopping = true;
  if (server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
  process.exit(code);
}

async function waitUntilListening(listenPort, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      // A bare TCP connect: an HTTP probe would show up in the receiver's log as a bad request.
      await new Promise((resolve, reject) => {
        const socket = connect(listenPort, '127.0.0.1', () => socket.end(resolve));
        socket.once('error', reject);
      });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`examples/${example} did not listen on port ${listenPort} within ${timeoutMs / 1000} s.`);
}

/** A port nobody listens on right now (the OS picks it; the example is then told to use it). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address();
      probe.close(() => resolve(free));
    });
  });
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
