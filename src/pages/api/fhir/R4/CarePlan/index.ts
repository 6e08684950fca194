/** `GET /api/fhir/R4/CarePlan?subject=Patient/{id}`: a person's plans the caller may read (README "FHIR API"). */
import type { APIRoute } from 'astro';
import { answer, apiBase, outcome, readOnly } from '../../../../../features/fhir/fhir.http.ts';
import { parseSubject } from '../../../../../features/fhir/fhir.domain.ts';
import { carePlanSearch } from '../../../../../features/fhir/fhir.service.ts';
import { getDatabase } from '../../../../../shared/server/db.ts';
import { systemClock } from '../../../../../shared/time/clock.ts';

export const GET: APIRoute = (context) => {
  const params = context.url.searchParams;
  const subject = params.getAll('subject').length === 1 ? parseSubject(params.get('subject')) : undefined;
  const unknown = [...new Set(params.keys())].filter((k) => k !== 'subject');
  return answer(context, async (actor) => {
    if (!subject) return outcome(400, 'invalid', "Search with subject=Patient/<id>: the person's id, never a personnummer.");
    if (unknown.length > 0) return outcome(400, 'not-supported', `Unsupported search parameter: ${unknown.join(', ')}.`);
    return carePlanSearch((await getDatabase()).db, actor, systemClock, subject, apiBase());
  });
};

export const ALL: APIRoute = () => readOnly();
