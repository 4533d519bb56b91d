import { createDouyinPagesHandler } from '@douyin-push/next';
import { kit } from '../../../../lib/contract';

// Deliberately WITHOUT `export const config = { api: { bodyParser: false } }`: proves that a
// body Next already parsed is refused with the documented error, naming the fix.
export default createDouyinPagesHandler(kit.webhooks);
