import { createDouyinRoute } from '@douyin-push/next';
import { kit } from '../../../../lib/contract';

// Every method, so core answers the ones Douyin never uses (405, Allow: POST).
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = createDouyinRoute(kit.webhooks);
