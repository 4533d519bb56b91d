import { packageBuild } from '../../tsup.shared';

// Each engine on its own entry: importing the BullMQ one never loads pg-boss, and the reverse.
export default packageBuild({ index: 'src/index.ts', bullmq: 'src/bullmq.ts', 'pg-boss': 'src/pg-boss.ts' });
