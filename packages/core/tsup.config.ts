import { packageBuild } from '../../tsup.shared';

// CJS splitting keeps one copy of shared modules (errors, receiver) across the four entries.
export default packageBuild(
  {
    index: 'src/index.ts',
    node: 'src/node/index.ts',
    adapter: 'src/adapter/index.ts',
    testing: 'src/testing/index.ts',
    spi: 'src/spi/index.ts',
  },
  { splitting: true },
);
