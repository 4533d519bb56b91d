import { startDeno } from './launch';
import { describeRuntime } from './suite';

describeRuntime('deno', startDeno);
