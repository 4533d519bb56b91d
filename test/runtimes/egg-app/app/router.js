// An ordinary JSON route beside the middleware: Egg's bodyParser must still parse it.
module.exports = (app) => {
  app.router.post('/contract/echo', (ctx) => {
    ctx.body = ctx.request.body;
  });
};
