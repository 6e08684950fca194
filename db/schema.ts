/**
 * Row types of the database, as Kysely sees them. One interface per table; `Generated` marks columns
 * the database fills in. Keep in step with db/migrations.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type PrincipalKind = 'municipality' | 'region' | 'school';

export interface AppMetadataTable {
  key: string;
  value: string;
  updated_at: Timestamp;
}

export interface PrincipalTable {
  id: Generated<string>;
  kind: PrincipalKind;
  name: string;
  created_at: Generated<Date>;
}

export interface UnitTable {
  id: Generated<string>;
  principal_id: string;
  name: string;
  created_at: Generated<Date>;
}

export interface Database {
  app_metadata: AppMetadataTable;
  principal: PrincipalTable;
  unit: UnitTable;
}
