import { createDouyinPagesHandler } from '@douyin-push/next';
import { receiver } from '../../lib/receiver';

export const config = { api: { bodyParser: false } };

export default createDouyinPagesHandler(receiver);
