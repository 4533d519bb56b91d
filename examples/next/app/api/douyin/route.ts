import { createDouyinRoute } from '@douyin-push/next';
import { webhooks } from '../../../lib/douyin';

// Every method goes to douyin-push, so a GET is answered 405 (Allow: POST) by the same code
// path as a bad push. `export const { POST } = ...` alone works too.
export const { GET, POST, PUT, PATCH, DELETE } = createDouyinRoute(webhooks);
