import { webStart } from './starts.js';
import { describeContract } from './suite.js';

describeContract('web Request (handleRequest)', webStart, { bodyDeadline: false });
