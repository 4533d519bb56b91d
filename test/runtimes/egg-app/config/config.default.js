// The recipe of packages/koa/README.md ("Egg"), as an Egg app's config.
const { join } = require('node:path');
const { tmpdir } = require('node:os');

module.exports = () => ({
  keys: 'douyin-push-egg-test',
  // 1. Mount the koa middleware (app/middleware/douyin.js) as app middleware.
  middleware: ['douyin'],
  douyin: { path: '/douyin/webhook' },
  // 2. Douyin posts without a CSRF token: exempt the path (egg-security answers 403 otherwise).
  // (test-only: /contract, the suite's echo route and its other paths, which must answer 404)
  security: { csrf: { ignore: ['/douyin/webhook', '/contract'] } },
  // 3. Egg's bodyParser runs before app middleware with a 100kb JSON limit and its own 400s:
  //    let the path through unread, so the middleware reads the exact bytes with its own limit.
  bodyParser: { ignore: '/douyin/webhook' },
  // Test-only: logs and run files out of the source tree.
  rundir: join(tmpdir(), 'douyin-push-egg-run'),
  logger: { dir: join(tmpdir(), 'douyin-push-egg-logs'), consoleLevel: 'NONE' },
});
