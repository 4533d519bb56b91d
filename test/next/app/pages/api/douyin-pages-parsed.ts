import { createDouyinPagesHandler } from '@douyin-push/next';
import { receiver } from '../../lib/receiver';

// Deliberately WITHOUT `export const config = { api: { bodyParser: false } }`: proves that a
// body Next already parsed is refused with a clear error instead of failing the signature.
export default createDouyinPagesHandler(receiver);
