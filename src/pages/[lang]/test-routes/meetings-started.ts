import type { APIRoute } from 'astro';
import { loadConfig } from '../../../shared/server/config.ts';
import { getDatabase } from '../../../shared/server/db.ts';
import { startPlannedMeetings } from '../../../shared/server/record-ids.repository.ts';
import { systemClock } from '../../../shared/time/clock.ts';

/**
 * Test-only: `POST ?reference=SIP-…` makes that plan's planned meetings start an hour ago, so a browser
 * journey can mark a meeting held and record a follow-up on the day without booking in the past. Exists
 * only with SIP_ENABLE_TEST_ROUTES=true, which production refuses.
 */
export const POST: APIRoute = async ({ rewrite, url }) => {
  if (!loadConfig().enableTestRoutes) return rewrite('/404');
  const moved = await startPlannedMeetings((await getDatabase()).db, url.searchParams.get('reference') ?? '', systemClock.now());
  return Response.json({ moved });
};
