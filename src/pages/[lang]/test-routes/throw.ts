import type { APIRoute } from 'astro';
import { loadConfig } from '../../../shared/server/config.ts';

/**
 * Test-only: throws, so tests can prove that an unexpected error gives the localized 500 page
 * (and a lost database connection the localized 503 page).
 * Exists only with SIP_ENABLE_TEST_ROUTES=true, which the configuration refuses in production.
 */
export const GET: APIRoute = ({ rewrite, url }) => {
  if (!loadConfig().enableTestRoutes) return rewrite('/404');
  // ?kind=database imitates a lost database connection (the 503 path).
  if (url.searchParams.get('kind') === 'database') {
    throw Object.assign(new Error('Deliberate test outage'), { code: 'ECONNREFUSED' });
  }
  throw new Error('Deliberate test failure');
};
