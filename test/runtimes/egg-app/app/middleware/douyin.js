// Egg middleware file: Egg calls it with the `douyin` config and the app.
const { douyinWebhook } = require('@douyin-push/koa');

module.exports = (options, app) => douyinWebhook(app.douyin, { path: options.path });
