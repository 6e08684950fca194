import type { APIRoute } from 'astro';
import { loadConfig } from '../../../shared/server/config.ts';

/**
 * Test-only: throws, so tests can prove that an unexpected error gives the localized 500 page.
 * Exists only with SIP_ENABLE_TEST_ROUTES=true, which the configuration refuses in production.
 */
export const GET: APIRoute = ({ rewrite }) => {
  if (!loadConfig().enableTestRoutes) return rewrite('/404');
  throw new Error('Deliberate test failure');
};
