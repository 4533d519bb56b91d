import { kit } from '../../lib/contract';

export const dynamic = 'force-dynamic';

/** What the contract suite reads back: every handler run and every error core reported. */
export function GET(): Response {
  return Response.json(kit.state);
}
