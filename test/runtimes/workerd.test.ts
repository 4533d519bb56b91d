import { startWorkerd } from './launch';
import { describeRuntime } from './suite';

// workerd (as Cloudflare's edge) gzips a JSON reply for a client that accepts gzip, as fetch
// does, and then streams it chunked without content-length; with `accept-encoding: identity` it
// keeps core's content-length. So the suite checks for a chunked reply here.
describeRuntime('workerd (Miniflare)', startWorkerd, { contentLength: false });
