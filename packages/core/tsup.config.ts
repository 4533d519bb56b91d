import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {"index": "src/index.ts", "node": "src/node/index.ts", "testing": "src/testing/index.ts", "spi": "src/spi/index.ts"},
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
