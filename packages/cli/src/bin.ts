#!/usr/bin/env node
import { run } from './run.js';

// `douyin-push send … | head -1`: once the reader has gone, the next write to stdout fails with
// EPIPE. That is the reader's choice, not an error of ours: stop quietly with 0, as `yes | head`
// does. Any other stream error is real and still crashes loudly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

// exitCode, not exit(): a piped stdout must drain before the process ends.
void run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
