/**
 * Opens the database the configuration names: PostgreSQL through `pg` when DATABASE_URL is set,
 * otherwise the embedded PGlite in PGLITE_DIR (locked to this process). One code path for both;
 * migrations are the same PostgreSQL 15 compatible set.
 */
import { createHash } from 'node:crypto';
import { Kysely, PGliteDialect, PostgresDialect, sql, type DatabaseIntrospector, type TableMetadata } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import { Migrator, type MigrationResultSet } from 'kysely/migration';
import type { Database } from '../../../db/schema.ts';
import { migrationProvider } from '../../../db/migrations/index.ts';
import type { Config } from './config.ts';
import { acquirePgliteLock } from './pglite-lock.ts';
import { logger } from './logger.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface AppDatabase {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseKind;
  /** Closes connections and releases the PGlite lock. */
  close(): Promise<void>;
}

/** Wraps an open PGlite instance (a data folder, or memory in tests) as the app's database. */
export function fromPglite(pglite: PGlite, onClose: () => void = () => {}): AppDatabase {
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      onClose();
    },
  };
}

async function openPglite(dir: string): Promise<AppDatabase> {
  const release = acquirePgliteLock(dir);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    return fromPglite(await PGlite.create(dir), release);
  } catch (error) {
    release();
    throw error;
  }
}

async function openPostgres(url: string, searchPath?: string): Promise<AppDatabase> {
  const pg = (await import('pg')).default;
  // int8 (count(*), sum of ints) as numbers, as PGlite returns them; our counts stay far below 2^53.
  pg.types.setTypeParser(20, (value: string) => Number(value));
  const preparing = process.env.DATABASE_PREPARED_STATEMENTS !== 'false';
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_MAX || 10),
    connectionTimeoutMillis: 5_000,
    // Each statement planned for its own values, as unnamed statements are: the prepared ones below save
    // the parsing, never risk a generic plan for skewed data (a unit in 22 000 plans and one in none).
    options: [searchPath ? `-c search_path=${searchPath}` : '', preparing ? '-c plan_cache_mode=force_custom_plan' : ''].join(' ').trim() || undefined,
  });
  // A server restart kills idle clients; without a listener the pool's error would crash the process.
  pool.on('error', (error) => logger.warn({ err: { message: error.message } }, 'idle database client failed'));
  // pg-pool listens for a client's errors only while it is idle: a connection lost while checked out
  // (mid-query, or inside a transaction) would emit an unhandled 'error' and crash the process. The query
  // itself still fails (the request gets the 503 page) and the pool drops the broken client on release.
  pool.on('connect', (client) => client.on('error', (error) => logger.debug({ err: { message: error.message } }, 'database connection lost')));
  if (preparing) pool.on('connect', (client) => prepareStatements(client));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

/** Statements worth keeping prepared: the application's queries, not transaction control or DDL. */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;
/** Distinct statements prepared at most (the code has a few hundred; a list of ids of another length is another). */
const MAX_PREPARED = 1000;
const statementNames = new Map<string, string>();

/**
 * Sends each of the application's queries as a named prepared statement on this connection: PostgreSQL
 * parses it once per connection instead of on every call, which was most of its CPU time per page (the
 * staff plan page at 100 k plans: 5.6 → 2 ms). Kysely passes only text and values, so the name is the
 * text's hash. DATABASE_PREPARED_STATEMENTS=false turns this off (a pooler in transaction mode that does
 * not track prepared statements, such as PgBouncer before 1.21).
 */
function prepareStatements(client: { query: (...args: never[]) => unknown }): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: (...args: unknown[]) => unknown }).query = (text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text !== 'string' || !Array.isArray(values) || !PREPARABLE.test(text)) return query(text, values, callback);
    let name = statementNames.get(text);
    if (!name) {
      if (statementNames.size >= MAX_PREPARED) return query(text, values, callback);
      statementNames.set(text, (name = `sip_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`));
    }
    return query({ name, text, values }, callback);
  };
}

/** Opens (but does not migrate) the database named by the configuration. */
export function openDatabase(config: Pick<Config, 'databaseUrl' | 'pgliteDir'>, options: { searchPath?: string } = {}) {
  return config.databaseUrl ? openPostgres(config.databaseUrl, options.searchPath) : openPglite(config.pgliteDir);
}

/**
 * What the migrator may see of the database: the tables of one schema, by name. Kysely's own
 * introspector reads the columns of every table in every schema (with `pg_get_serial_sequence` by name),
 * so a schema dropped or created beside it (the parallel test servers, or a shared server) made it fail
 * with "relation … does not exist" or "column … of relation … does not exist" about another schema.
 */
function schemaIntrospector(db: Kysely<Database>, schema: string): DatabaseIntrospector {
  const getTables = async (): Promise<TableMetadata[]> => {
    const { rows } = await sql<{ name: string; kind: string }>`
      select c.relname as name, c.relkind as kind from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and c.relkind in ('r', 'p', 'v', 'm', 'f')`.execute(db);
    return rows.map((r) => ({ name: r.name, schema, isView: r.kind === 'v' || r.kind === 'm', isForeign: r.kind === 'f', columns: [] }));
  };
  return {
    getSchemas: async () => {
      const { rows } = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db);
      return rows;
    },
    getTables,
  };
}

/**
 * The migrator, with its bookkeeping tables pinned to the connection's current schema and its view of
 * the database limited to that schema (schemaIntrospector). Without the pin Kysely looks for
 * `kysely_migration` in *any* schema, so a database holding several schemas could skip creating its own.
 */
export async function migrator(db: Kysely<Database>): Promise<Migrator> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema ?? 'public';
  const introspection = schemaIntrospector(db, schema);
  // The Kysely instance as the migrator sees it: the same in all but its introspector.
  const scoped = new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return new Migrator({ db: scoped, provider: migrationProvider, migrationTableSchema: schema });
}

function check(result: MigrationResultSet): MigrationResultSet {
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return result;
}

/** Applies every pending migration; throws if one fails (that migration's transaction is rolled back). */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  return check(await (await migrator(db)).migrateToLatest());
}

/** Reverts the most recent migration (for tests and the `db:migrate -- down` command). */
export async function migrateDown(db: Kysely<Database>): Promise<MigrationResultSet> {
  return check(await (await migrator(db)).migrateDown());
}

/** True when the database answers a trivial query within `timeoutMs`. */
export async function isDatabaseUp(db: Kysely<Database>, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = sql`select 1`.execute(db).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03']);

/**
 * True when an error means the database cannot be reached right now (server down, restarting, or
 * the connection lost), as opposed to a bug or bad data: the person then gets the 503 page.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown; message?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string' && (UNAVAILABLE_CODES.has(e.code) || e.code.startsWith('08'))) return true;
    if (typeof e.message === 'string' && /Connection terminated|timeout exceeded when trying to connect/.test(e.message)) return true;
    e = e.cause as typeof e;
  }
  return false;
}
