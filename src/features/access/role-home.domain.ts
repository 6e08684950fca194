/**
 * Where each role works: the page a login lands on and the navigation the header shows. The person
 * (and who acts for them) work in My SIP; staff in their inbox, managers on the dashboard, admins in
 * administration. Staff never see the citizens' menu, and citizens never see the staff's.
 */
import type { Actor } from './access.domain.ts';

/** One entry of the main navigation: a path after the language segment and the key of its label. */
export interface NavItem {
  path: string;
  labelKey: string;
}

const PUBLIC_NAV: readonly NavItem[] = [
  { path: '/', labelKey: 'common:nav.home' },
  { path: '/what-is-sip', labelKey: 'common:nav.whatIsSip' },
  { path: '/for-relatives', labelKey: 'common:nav.forRelatives' },
  { path: '/request', labelKey: 'common:nav.request' },
];

/** The navigation for the actor: the public pages (plus My SIP) for citizens, the work pages for staff. */
export function roleNav(actor: Actor): NavItem[] {
  if (actor.kind === 'person') return [...PUBLIC_NAV, { path: '/my', labelKey: 'common:nav.my' }];
  if (actor.kind !== 'staff') return [...PUBLIC_NAV];
  const items: NavItem[] = [];
  if (actor.unitIds.size > 0) {
    items.push({ path: '/staff', labelKey: 'common:nav.staff' }, { path: '/staff/start', labelKey: 'common:nav.staffStart' });
  }
  if (actor.deviationHandlerUnitIds.size > 0) items.push({ path: '/staff/deviations', labelKey: 'common:nav.deviations' });
  if (actor.managerOfPrincipalIds.size > 0) items.push({ path: '/manager', labelKey: 'common:nav.manager' });
  if (actor.isAdmin) items.push({ path: '/admin', labelKey: 'common:nav.admin' });
  items.push({ path: '/account', labelKey: 'common:nav.account' });
  return items;
}

/** The page a login lands on when no other page was asked for: the first page of the role's navigation. */
export function roleHome(actor: Actor): string {
  if (actor.kind === 'person') return '/my';
  if (actor.kind !== 'staff') return '/';
  return roleNav(actor)[0]!.path;
}
