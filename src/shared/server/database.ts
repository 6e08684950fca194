/**
 * Opens the database the configuration names: PostgreSQL through `pg` when DATABASE_URL is set,
 * otherwise the embedded PGlite in PGLITE_DIR (locked to this process). One code path for both;
 * migrations are the same PostgreSQL 15 compatible set.
 */
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
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
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_MAX || 10),
    connectionTimeoutMillis: 5_000,
    ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
  });
  // A server restart kills idle clients; without a listener the pool's error would crash the process.
  pool.on('error', (error) => logger.warn({ err: { message: error.message } }, 'idle database client failed'));
  // pg-pool listens for a client's errors only while it is idle: a connection lost while checked out
  // (mid-query, or inside a transaction) would emit an unhandled 'error' and crash the process. The query
  // itself still fails (the request gets the 503 page) and the pool drops the broken client on release.
  pool.on('connect', (client) => client.on('error', (error) => logger.debug({ err: { message: error.message } }, 'database connection lost')));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

/** Opens (but does not migrate) the database named by the configuration. */
export function openDatabase(config: Pick<Config, 'databaseUrl' | 'pgliteDir'>, options: { searchPath?: string } = {}) {
  return config.databaseUrl ? openPostgres(config.databaseUrl, options.searchPath) : openPglite(config.pgliteDir);
}

/**
 * The migrator, with its bookkeeping tables pinned to the connection's current schema. Without the
 * pin Kysely looks for `kysely_migration` in *any* schema, so a database holding several schemas
 * (the parallel test servers, or a shared server) could skip creating its own and then fail.
 */
export async function migrator(db: Kysely<Database>): Promise<Migrator> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return new Migrator({ db, provider: migrationProvider, migrationTableSchema: rows[0]?.schema ?? 'public' });
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
