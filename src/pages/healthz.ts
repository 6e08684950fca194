import type { APIRoute } from 'astro';
import { getDatabase } from '../shared/server/db.ts';
import { isDatabaseUp } from '../shared/server/database.ts';

/** Liveness and readiness in one: 200 when the database answers, 503 when it does not. */
export const GET: APIRoute = async () => {
  let up = false;
  try {
    up = await isDatabaseUp((await getDatabase()).db);
  } catch {
    up = false;
  }
  return new Response(JSON.stringify({ status: up ? 'ok' : 'unavailable' }), {
    status: up ? 200 : 503,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  });
};
