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

export interface PersonTable {
  id: Generated<string>;
  personal_identity_number: string;
  given_name: string;
  family_name: string;
  /** YYYY-MM-DD */
  birth_date: ColumnType<string, string, string>;
  email: string | null;
  created_at: Generated<Date>;
}

export interface StaffAccountTable {
  id: Generated<string>;
  hsa_id: string;
  name: string;
  email: string | null;
  title: string | null;
  is_admin: Generated<boolean>;
  can_coordinate: Generated<boolean>;
  works_with: string | null;
  disabled_at: Date | null;
  created_at: Generated<Date>;
}

export type UnitRole = 'member' | 'deviationHandler';

export interface UnitMembershipTable {
  staff_account_id: string;
  unit_id: string;
  role: UnitRole;
}

export interface PrincipalManagerTable {
  staff_account_id: string;
  principal_id: string;
}

export interface SessionTable {
  id: string;
  secret_hash: Uint8Array;
  person_id: string | null;
  staff_account_id: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface AuditEventTable {
  id: Generated<string>;
  occurred_at: Generated<Date>;
  actor_kind: 'person' | 'staff' | 'system';
  actor_id: string | null;
  action: string;
  subject_person_id: string | null;
  record_type: string | null;
  record_id: string | null;
  context: string | null;
}

export interface LoginAttemptTable {
  id: string;
  secret_hash: Uint8Array;
  kind: 'citizen' | 'staff';
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  locale: string;
  created_at: Timestamp;
}

export interface DemoRegisterGuardianshipTable {
  guardian_personal_identity_number: string;
  child_personal_identity_number: string;
  child_given_name: string;
  child_family_name: string;
  child_birth_date: ColumnType<string, string, string>;
}

export interface Database {
  demo_register_guardianship: DemoRegisterGuardianshipTable;
  login_attempt: LoginAttemptTable;
  app_metadata: AppMetadataTable;
  principal: PrincipalTable;
  unit: UnitTable;
  person: PersonTable;
  staff_account: StaffAccountTable;
  unit_membership: UnitMembershipTable;
  principal_manager: PrincipalManagerTable;
  session: SessionTable;
  audit_event: AuditEventTable;
}
