import type { Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
// The demo stand-in for the population register's custody data (vårdnadshavare). In production the
// guardianship source is the register itself (see src/features/access/guardianship.ts); this table is
// then unused and empty.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('demo_register_guardianship')
    .addColumn('guardian_personal_identity_number', 'text', (c) => c.notNull())
    .addColumn('child_personal_identity_number', 'text', (c) => c.notNull())
    .addColumn('child_given_name', 'text', (c) => c.notNull())
    .addColumn('child_family_name', 'text', (c) => c.notNull())
    .addColumn('child_birth_date', 'date', (c) => c.notNull())
    .addPrimaryKeyConstraint('demo_register_guardianship_pk', ['guardian_personal_identity_number', 'child_personal_identity_number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('demo_register_guardianship').execute();
}
