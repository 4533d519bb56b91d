import { defineConfig } from 'tsup';

export default defineConfig({
  // `index` is the programmatic API (`run`, `deliver`); `bin` is the `douyin-push` command.
  // esbuild keeps the `#!/usr/bin/env node` line of src/bin.ts at the top of dist/bin.js.
  entry: { index: 'src/index.ts', bin: 'src/bin.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  sourcemap: true,
  target: 'node20',
});
