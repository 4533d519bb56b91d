#!/usr/bin/env node
import { run } from './run.js';

// exitCode, not exit(): a piped stdout must drain before the process ends.
void run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
