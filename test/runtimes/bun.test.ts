import { startBun } from './launch';
import { describeRuntime } from './suite';

describeRuntime('bun', startBun);
