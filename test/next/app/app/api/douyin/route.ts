import { createDouyinRoute } from '@douyin-push/next';
import { receiver } from '../../../lib/receiver';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = createDouyinRoute(receiver);
