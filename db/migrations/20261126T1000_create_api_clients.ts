import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// Systems that read plans through the FHIR API (README "FHIR API"): OAuth 2.0 clients issued by an admin
// for one principal, and the short-lived bearer tokens they get at the token endpoint. Only SHA-256 hashes
// of secrets are stored, as for sessions.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_client')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('principal_id', 'uuid', (c) => c.notNull().references('principal.id'))
    .addColumn('secret_hash', 'bytea', (c) => c.notNull())
    .addColumn('created_by_staff_account_id', 'uuid', (c) => c.references('staff_account.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('api_token')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('secret_hash', 'bytea', (c) => c.notNull())
    .addColumn('api_client_id', 'uuid', (c) => c.notNull().references('api_client.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('api_token_expires_idx').on('api_token').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_token').execute();
  await db.schema.dropTable('api_client').execute();
}
