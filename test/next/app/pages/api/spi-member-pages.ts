import { createDouyinPagesHandler } from '@douyin-push/next';
import { memberSpi } from '../../lib/spi';

export const config = { api: { bodyParser: false } };

export default createDouyinPagesHandler(memberSpi);
