import { createDouyinPagesHandler } from '@douyin-push/next';
import { kit } from '../../../lib/contract';

export const config = { api: { bodyParser: false } };

export default createDouyinPagesHandler(kit.webhooks);
