// The receiver, created once per worker when the app boots (before middleware is loaded).
const { createDouyinWebhooks } = require('@douyin-push/core');

module.exports = class {
  constructor(app) {
    // Test-only: the suite hands in its own receiver; an app creates one from its config.
    app.douyin = globalThis.__DOUYIN_EGG_TEST_RECEIVER__ ?? createDouyinWebhooks({ clientSecret: process.env.DOUYIN_CLIENT_SECRET });
  }
};
