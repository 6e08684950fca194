/** Anything else under the FHIR base: an OperationOutcome, not the HTML 404 page. */
import type { APIRoute } from 'astro';
import { outcome } from '../../../../features/fhir/fhir.http.ts';

export const ALL: APIRoute = () => outcome(404, 'not-found', 'This server offers CarePlan/{id} and CarePlan?subject=Patient/{id} only.');
