import type { APIRoute } from 'astro';
import { loadConfig } from '../../../shared/server/config.ts';
import { getDatabase } from '../../../shared/server/db.ts';
import { recordIds } from '../../../shared/server/record-ids.repository.ts';

/**
 * Test-only: the id of every request, consent, plan, invitation, deviation, SIP-kollen invitation and
 * staff account, so the attack suite can try other people's ids on every route. Exists only with
 * SIP_ENABLE_TEST_ROUTES=true, which the configuration refuses in production.
 */
export const GET: APIRoute = async ({ rewrite }) => {
  if (!loadConfig().enableTestRoutes) return rewrite('/404');
  return Response.json(await recordIds((await getDatabase()).db));
};
