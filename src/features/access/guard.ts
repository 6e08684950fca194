/**
 * The access gate every page and endpoint goes through: who is acting (loaded once per request) and
 * `can()` asked on the server. Without a session → the login page, coming back here afterwards; with
 * a session but no right → the same 404 a missing record gives, so nobody learns what exists.
 */
import type { AstroGlobal, APIContext } from 'astro';
import { getDatabase } from '../../shared/server/db.ts';
import { rewriteTarget } from '../../shared/server/http.ts';
import { readForm } from '../../shared/forms/form.ts';
import { isRescuable, takeForm } from './rescue.ts';
import { systemClock } from '../../shared/time/clock.ts';
import { can, type Action, type Actor, type Resource } from './access.domain.ts';
import { loadActor, type ActorProfile } from './actor.service.ts';
import { guardianshipSource } from './guardianship-source.ts';

type PageContext = Pick<AstroGlobal, 'locals' | 'url' | 'redirect' | 'rewrite' | 'request'> | Pick<APIContext, 'locals' | 'url' | 'redirect' | 'rewrite' | 'request'>;

const profiles = new WeakMap<App.Locals, Promise<ActorProfile>>();

/** The acting user of this request (anonymous without a session), loaded once per request. */
export function currentActor(locals: App.Locals): Promise<ActorProfile> {
  let profile = profiles.get(locals);
  if (!profile) {
    profile = getDatabase().then(({ db }) => loadActor(db, locals.session, systemClock, guardianshipSource(db)));
    profiles.set(locals, profile);
  }
  return profile;
}

/** Where to log in and come back to this page. */
export function loginRedirect(context: PageContext): Response {
  const back = context.url.pathname + context.url.search;
  return context.redirect(`/${context.locals.locale}/login?return=${encodeURIComponent(back)}`, 302);
}

export type Gate = { actor: Actor; profile: ActorProfile; response?: undefined } | { response: Response };

/**
 * The form to handle on this request: the one posted, or — on the first visit after logging in again —
 * the one kept when the session ran out while it was being written (rescue.ts). Undefined otherwise.
 */
export async function postedForm(context: PageContext): Promise<FormData | undefined> {
  if (context.request.method === 'POST') return readForm(context.request);
  const session = context.locals.session;
  if (!session || !isRescuable(context.url.pathname)) return undefined;
  const { db } = await getDatabase();
  return takeForm(db, session.owner, context.url.pathname, systemClock.now());
}

/** Requires a session and, when asked, `can(actor, action, resource)`; else the answer to send. */
export async function gate(context: PageContext, check?: { action: Action; resource: Resource }): Promise<Gate> {
  if (!context.locals.session) return { response: loginRedirect(context) };
  const profile = await currentActor(context.locals);
  if (check && !can(profile.actor, check.action, check.resource)) return { response: await notFound(context) };
  return { actor: profile.actor, profile };
}

/** The 404 page, with status 404, for a record that is missing or not yours (the same answer). */
export async function notFound(context: PageContext): Promise<Response> {
  const response = await context.rewrite(rewriteTarget(context, '/404'));
  return new Response(response.body, { status: 404, headers: response.headers });
}
