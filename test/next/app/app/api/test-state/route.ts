import { state } from '../../../lib/receiver';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json(state);
}
