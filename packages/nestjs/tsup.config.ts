import { packageBuild } from '../../tsup.shared';

// The build must not read this package's tsconfig paths (they point at core's sources).
export default packageBuild({ index: 'src/index.ts' }, { tsconfig: '../../tsconfig.base.json' });
