import { packageBuild } from '../../tsup.shared';

// `index` is the programmatic API (`run`, `deliver`); `bin` is the `douyin-push` command.
// esbuild keeps the `#!/usr/bin/env node` line of src/bin.ts at the top of dist/bin.js.
export default packageBuild({ index: 'src/index.ts', bin: 'src/bin.ts' }, { dts: { entry: { index: 'src/index.ts' } } });
