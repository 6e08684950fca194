import type { APIRoute } from 'astro';
import { currentActor } from '../../features/access/guard.ts';
import { roleHome } from '../../features/access/role-home.domain.ts';

/** Where a login lands when no page was asked for: the role's own home (My SIP, inbox, dashboard, admin). */
export const GET: APIRoute = async ({ locals, redirect }) => {
  const { actor } = await currentActor(locals);
  return redirect(`/${locals.locale}${roleHome(actor)}`, 302);
};
