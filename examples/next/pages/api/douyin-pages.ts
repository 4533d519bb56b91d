import { createDouyinPagesHandler } from '@douyin-push/next';
import { webhooks } from '../../lib/douyin';

// Douyin signs the exact bytes: Next must not parse this body. Next reads this export
// statically, so it has to be written out in the route file.
export const config = { api: { bodyParser: false } };

export default createDouyinPagesHandler(webhooks);
