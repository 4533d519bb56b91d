import { toNodeListener } from '@douyin-push/core/node';
import { describeContract } from './suite.js';
import { serve } from './servers.js';

describeContract('node:http (toNodeListener)', ({ receiver, path }) => serve(toNodeListener(receiver, { path })));
