/**
 * One dashboard table as CSV (the same figures as the page, suppressed the same way). Same access and
 * query as the dashboard; an unknown table or a bad query is a 404 (the page says what is wrong).
 */
import type { APIRoute } from 'astro';
import { gate, notFound } from '../../../features/access/guard.ts';
import { dashboard, queryFromUrl } from '../../../features/stats/stats.service.ts';
import { periodName, tableCsv } from '../../../features/stats/presentation.ts';
import { getDatabase } from '../../../shared/server/db.ts';
import { loadConfig } from '../../../shared/server/config.ts';
import { systemClock } from '../../../shared/time/clock.ts';

export const GET: APIRoute = async (context) => {
  const g = await gate(context);
  if (g.response) return g.response;
  if (g.actor.kind !== 'staff' || g.actor.managerOfPrincipalIds.size === 0) return notFound(context);
  const { locale, t } = context.locals;
  const q = context.url.searchParams;
  const threshold = loadConfig().statsMinCount;
  const result = await dashboard((await getDatabase()).db, g.actor, systemClock, queryFromUrl(q), threshold);
  const table = result.ok ? result.dashboard.tables.find((x) => x.id === q.get('table')) : undefined;
  if (!result.ok || !table) return notFound(context);
  const tt = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  const d = result.dashboard;
  const body = tableCsv(table, locale, tt, threshold, periodName(d.previous.key, locale, tt));
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="sip-${table.id}-${d.period.key}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
};
