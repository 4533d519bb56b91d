import { nodeStart } from './starts.js';
import { describeContract } from './suite.js';

describeContract('node:http (toNodeListener)', nodeStart);
