import type { APIRoute } from 'astro';
import { loadConfig } from '../../../shared/server/config.ts';
import { getDatabase } from '../../../shared/server/db.ts';
import { ageAllSessions } from '../../../features/access/session.repository.ts';

/**
 * Test-only: makes every session look idle for an hour, so a browser test can show that a form sent
 * after a timeout is kept. Exists only with SIP_ENABLE_TEST_ROUTES=true, which production refuses.
 */
export const POST: APIRoute = async ({ rewrite }) => {
  if (!loadConfig().enableTestRoutes) return rewrite('/404');
  await ageAllSessions((await getDatabase()).db, 60 * 60 * 1000);
  return new Response(null, { status: 204 });
};
