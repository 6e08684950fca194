/** `GET /api/fhir/R4/CarePlan/{id}`: one plan as a FHIR Bundle (README "FHIR API"). */
import type { APIRoute } from 'astro';
import { answer, apiBase, readOnly } from '../../../../../features/fhir/fhir.http.ts';
import { carePlanBundle } from '../../../../../features/fhir/fhir.service.ts';
import { getDatabase } from '../../../../../shared/server/db.ts';
import { systemClock } from '../../../../../shared/time/clock.ts';

export const GET: APIRoute = (context) =>
  answer(context, async (actor) => carePlanBundle((await getDatabase()).db, actor, systemClock, context.params.id ?? '', apiBase()));

export const ALL: APIRoute = () => readOnly();
