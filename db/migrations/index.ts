/**
 * The static index of migrations (bundlers break kysely's FileMigrationProvider).
 * Add each new migration here; names sort in the order they run.
 */
import type { Migration, MigrationProvider } from 'kysely/migration';
import * as m20261123T0400 from './20261123T0400_create_principals_units.ts';
import * as m20261123T0520 from './20261123T0520_create_identity_tables.ts';
import * as m20261123T0600 from './20261123T0600_create_login_attempts.ts';
import * as m20261123T0640 from './20261123T0640_create_demo_population_register.ts';
import * as m20261123T0700 from './20261123T0700_create_request_tables.ts';
import * as m20261123T1100 from './20261123T1100_create_plan_tables.ts';
import * as m20261123T1300 from './20261123T1300_create_rescued_form.ts';
import * as m20261124T0900 from './20261124T0900_create_follow_up_tables.ts';
import * as m20261125T0900 from './20261125T0900_create_stats_rollup.ts';
import * as m20261126T0900 from './20261126T0900_index_stats_times.ts';
import * as m20261126T1000 from './20261126T1000_create_api_clients.ts';
import * as m20261126T1100 from './20261126T1100_create_retention.ts';
import * as m20261126T1200 from './20261126T1200_create_mail_outbox.ts';
import * as m20261127T0900 from './20261127T0900_index_inbox.ts';
import * as m20261128T0900 from './20261128T0900_index_waiting_requests.ts';
import * as m20261129T0900 from './20261129T0900_index_withdrawn_plans.ts';
import * as m20261208T0100 from './20261208T0100_create_consent_scope_requests.ts';
import * as m20261208T0130 from './20261208T0130_create_rate_limit.ts';
import * as m20261208T0210 from './20261208T0210_scope_request_idempotency_keys.ts';
import * as m20261208T0900 from './20261208T0900_coarsen_feedback_answers.ts';

export const migrations: Record<string, Migration> = {
  '20261123T0400_create_principals_units': m20261123T0400,
  '20261123T0520_create_identity_tables': m20261123T0520,
  '20261123T0600_create_login_attempts': m20261123T0600,
  '20261123T0640_create_demo_population_register': m20261123T0640,
  '20261123T0700_create_request_tables': m20261123T0700,
  '20261123T1100_create_plan_tables': m20261123T1100,
  '20261123T1300_create_rescued_form': m20261123T1300,
  '20261124T0900_create_follow_up_tables': m20261124T0900,
  '20261125T0900_create_stats_rollup': m20261125T0900,
  '20261126T0900_index_stats_times': m20261126T0900,
  '20261126T1000_create_api_clients': m20261126T1000,
  '20261126T1100_create_retention': m20261126T1100,
  '20261126T1200_create_mail_outbox': m20261126T1200,
  '20261127T0900_index_inbox': m20261127T0900,
  '20261128T0900_index_waiting_requests': m20261128T0900,
  '20261129T0900_index_withdrawn_plans': m20261129T0900,
  '20261208T0100_create_consent_scope_requests': m20261208T0100,
  '20261208T0130_create_rate_limit': m20261208T0130,
  '20261208T0210_scope_request_idempotency_keys': m20261208T0210,
  '20261208T0900_coarsen_feedback_answers': m20261208T0900,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
