// Runs the edge bundle (argv[2]) in edge-runtime (Vercel's Edge runtime emulator, @edge-runtime/vm)
// on 127.0.0.1, a free port, in its own Node process, and prints the port.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { EdgeRuntime, runServer } from 'edge-runtime';

const version = createRequire(import.meta.url)('edge-runtime/package.json').version;
const runtime = new EdgeRuntime({ initialCode: readFileSync(process.argv[2], 'utf8') });
const server = await runServer({ runtime, port: 0, host: '127.0.0.1' });
console.log(`LISTENING ${new URL(server.url).port} ${version}`);
// Errors thrown inside the VM surface here; print them so a failing case names its cause.
process.on('uncaughtException', (error) => console.error('[edge-runtime]', error));
