/**
 * Demo data: invented organisations only ("Exempelby kommun", "Region Exempel", …). Idempotent:
 * running it again changes nothing.
 */
import type { Kysely } from 'kysely';
import type { Database, PrincipalKind } from '../schema.ts';

interface DemoPrincipal {
  name: string;
  kind: PrincipalKind;
  units: string[];
}

export const DEMO_PRINCIPALS: readonly DemoPrincipal[] = [
  { name: 'Exempelby kommun', kind: 'municipality', units: ['Socialtjänst vuxen', 'Hemtjänst', 'LSS-handläggning'] },
  { name: 'Region Exempel', kind: 'region', units: ['Vuxenpsykiatri', 'Vårdcentralen Exempelby', 'Barn- och ungdomspsykiatri'] },
  { name: 'Exempelby skolförvaltning', kind: 'school', units: ['Elevhälsan'] },
  { name: 'Skogsby kommun', kind: 'municipality', units: ['Individ- och familjeomsorg', 'Äldreomsorg', 'Arbetsmarknadsenheten'] },
];

/** Inserts the demo principals and units that are not there yet. */
export async function seedDemo(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const p of DEMO_PRINCIPALS) {
      await trx.insertInto('principal').values({ name: p.name, kind: p.kind }).onConflict((oc) => oc.column('name').doNothing()).execute();
      const { id } = await trx.selectFrom('principal').select('id').where('name', '=', p.name).executeTakeFirstOrThrow();
      for (const unit of p.units) {
        await trx
          .insertInto('unit')
          .values({ principal_id: id, name: unit })
          .onConflict((oc) => oc.columns(['principal_id', 'name']).doNothing())
          .execute();
      }
    }
  });
}
