// node:http → web Request → node:http, the way a fetch-based runtime hands requests to a
// web-standard handler. The same glue serves all three web variants, so its cost cancels out.
export function webListener(path, handle) {
  return async (req, res) => {
    if (!req.url.startsWith(path)) {
      res.writeHead(404).end();
      return;
    }
    const method = req.method ?? 'GET';
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method,
      headers,
      body: method === 'GET' || method === 'HEAD' ? undefined : toWebStream(req),
      duplex: 'half',
    });
    const response = await handle(request);
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, { ...Object.fromEntries(response.headers), 'content-length': body.byteLength });
    res.end(body);
  };
}

function toWebStream(req) {
  let cancelled = false;
  return new ReadableStream({
    start(controller) {
      req.on('data', (chunk) => cancelled || controller.enqueue(new Uint8Array(chunk)));
      req.on('end', () => cancelled || controller.close());
      req.on('error', (error) => cancelled || controller.error(error));
    },
    cancel() {
      cancelled = true;
    },
  });
}
