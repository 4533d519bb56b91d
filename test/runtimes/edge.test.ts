import { startEdge } from './launch';
import { describeRuntime } from './suite';

// edge-runtime's server (createHandler in edge-runtime/dist/server) pipes every Response body to
// Node chunked and copies no content-length, so the suite checks for a chunked reply here.
describeRuntime('edge-runtime', startEdge, { contentLength: false });
