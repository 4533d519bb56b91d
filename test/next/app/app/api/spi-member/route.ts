import { createDouyinRoute } from '@douyin-push/next';
import { memberSpi } from '../../../lib/spi';

export const { GET, POST } = createDouyinRoute(memberSpi);
