import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('app_metadata')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('principal')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('municipality', 'region', 'school')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('principal_name_unique', ['name'])
    .execute();

  await db.schema
    .createTable('unit')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('principal_id', 'uuid', (c) => c.notNull().references('principal.id').onDelete('restrict'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('unit_principal_name_unique', ['principal_id', 'name'])
    .execute();

  await db.schema.createIndex('unit_principal_id_idx').on('unit').column('principal_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('unit').execute();
  await db.schema.dropTable('principal').execute();
  await db.schema.dropTable('app_metadata').execute();
}
