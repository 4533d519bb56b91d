import { defineProject } from 'vitest/config';
import { workspaceSources } from '../../vitest.shared';

// SPI receivers mounted on every adapter, driven over real HTTP (port 0, 127.0.0.1, fetch).
export default defineProject({
  plugins: [workspaceSources()],
  test: { name: 'spi', include: ['*.test.ts'] },
});
