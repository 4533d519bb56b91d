import { defineProject } from 'vitest/config';
import { alias } from '../../vitest.shared';

// SPI receivers mounted on every adapter, driven over real HTTP (port 0, 127.0.0.1, fetch).
export default defineProject({
  resolve: { alias },
  test: { name: 'spi', include: ['*.test.ts'] },
});
