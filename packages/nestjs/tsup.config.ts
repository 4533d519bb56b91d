import { packageBuild } from '../../tsup.shared';

// The build reads no workspace `paths` (they point at core's sources, for tests) and only this
// package's src (a tsconfig without `include` would pull every other package's dist in).
export default packageBuild({ index: 'src/index.ts' }, { tsconfig: './tsconfig.build.json' });
