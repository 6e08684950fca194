import type { APIRoute } from 'astro';
import { loadConfig } from '../../../shared/server/config.ts';
import { getDatabase } from '../../../shared/server/db.ts';
import { rowCounts } from '../../../shared/server/row-counts.repository.ts';

/**
 * Test-only: row counts of the tables a citizen's actions write to, so a browser test can prove that
 * an answer stored nothing (protected identity). Exists only with SIP_ENABLE_TEST_ROUTES=true, which
 * the configuration refuses in production.
 */
export const GET: APIRoute = async ({ rewrite }) => {
  if (!loadConfig().enableTestRoutes) return rewrite('/404');
  return Response.json(await rowCounts((await getDatabase()).db));
};
