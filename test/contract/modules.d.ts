// The root devDependencies install express 4 and koa 2 under aliases; they share the types of
// the current majors for what the contract start() files use.
declare module 'express4' {
  import express from 'express';
  export default express;
}
declare module 'koa2' {
  import Koa from 'koa';
  export default Koa;
}
