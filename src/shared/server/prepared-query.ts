/**
 * Queries built and compiled once. Kysely builds an immutable tree for every query and compiles it to
 * SQL on every call; under the mixed load of `npm run bench:load` that was about a sixth of the server's
 * CPU time, most of it for the same few queries on every page (the session, the plan, its deviations).
 * A prepared query is built once with a marker in place of each argument and compiled; a call then only
 * puts its arguments where the markers were and runs the same SQL text.
 *
 * The query's shape must not depend on the arguments' values (no `if` on them): arguments are values
 * that reach the query as parameters. A list (for `in`) is built and compiled once per length, so the
 * SQL stays what Kysely writes, `in ($1, $2)` (PostgreSQL plans a short `in` list faster than
 * `= any($1)`); lists longer than MAX_LIST are built the usual way. Building a template checks that each
 * argument reaches the query; under the tests (VITEST, or SIP_CHECK_PREPARED=true) every call also
 * builds the query the usual way and fails if the SQL or the parameters differ.
 */
import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';

/** What may be an argument: a value PostgreSQL gets as a parameter, or a list of them (for `in`). */
export type PreparedArgument = string | number | boolean | Date | Uint8Array | null | readonly string[];

/** Lists up to this length get templates of their own (one per length). */
const MAX_LIST = 32;

/** The marker of argument `index` (of its element `element`, for a list) while a template is built. */
class Marker {
  readonly index: number;
  readonly element: number;
  constructor(index: number, element = -1) {
    this.index = index;
    this.element = element;
  }
  // A marker turned into text (a template literal, a concatenation) is found by the check below.
  toString(): string {
    return `\u0000marker${this.index}\u0000`;
  }
}

interface Template<R> {
  query: CompiledQuery<R>;
  /** For each parameter: the marker it takes its value from, or undefined for a constant of the query. */
  slots: (Marker | undefined)[];
}

const checking = process.env.VITEST !== undefined || process.env.SIP_CHECK_PREPARED === 'true';

export interface PreparedQuery<DB, A extends readonly PreparedArgument[], R> {
  rows(db: Kysely<DB>, ...args: A): Promise<R[]>;
  first(db: Kysely<DB>, ...args: A): Promise<R | undefined>;
  /** The whole result (for writes: numAffectedRows). */
  run(db: Kysely<DB>, ...args: A): Promise<QueryResult<R>>;
}

export function prepared<DB, A extends readonly PreparedArgument[], R>(build: (db: Kysely<DB>, ...args: A) => Compilable<R>): PreparedQuery<DB, A, R> {
  // One template for scalar arguments; with lists, one per combination of their lengths ('2,1').
  const templates = new Map<string, Template<R>>();
  const run = async (db: Kysely<DB>, ...args: A): Promise<QueryResult<R>> => {
    let key = '';
    for (const arg of args) {
      if (!Array.isArray(arg)) continue;
      if (arg.length > MAX_LIST) return db.executeQuery(build(db, ...args).compile());
      key += `${arg.length},`;
    }
    let template = templates.get(key);
    if (!template) templates.set(key, (template = compileTemplate(db, build, args)));
    const constants = template.query.parameters;
    const parameters = template.slots.map((m, i) => (m === undefined ? constants[i] : m.element < 0 ? args[m.index] : (args[m.index] as readonly string[])[m.element]));
    const query: CompiledQuery<R> = { ...template.query, parameters };
    if (checking) compareWithBuilt(query, build(db, ...args).compile());
    return db.executeQuery(query);
  };
  return {
    run,
    rows: async (db, ...args) => (await run(db, ...args)).rows,
    first: async (db, ...args) => (await run(db, ...args)).rows[0],
  };
}

function compileTemplate<DB, A extends readonly PreparedArgument[], R>(db: Kysely<DB>, build: (db: Kysely<DB>, ...args: A) => Compilable<R>, args: A): Template<R> {
  const markers = args.map((arg, i) => (Array.isArray(arg) ? arg.map((_, j) => new Marker(i, j)) : new Marker(i)));
  let query: CompiledQuery<R>;
  try {
    query = build(db, ...(markers as unknown as A)).compile();
  } catch (error) {
    throw new Error(`prepared query: building it with markers failed (an argument is used as a value in JavaScript, not only passed to the query): ${(error as Error).message}`);
  }
  const slots = query.parameters.map((p) => (p instanceof Marker ? p : undefined));
  const text = [query.sql, ...query.parameters.filter((p): p is string => typeof p === 'string')].join(' ');
  if (text.includes('\u0000marker')) throw new Error(`prepared query: an argument is turned into text while the query is built: ${query.sql}`);
  markers.flat().forEach((marker) => {
    if (!slots.includes(marker)) throw new Error(`prepared query: argument ${marker.index + 1} of ${args.length} does not reach the query as a parameter: ${query.sql}`);
  });
  return { query, slots };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return Object.is(a, b);
}

function compareWithBuilt(prepared: CompiledQuery<unknown>, built: CompiledQuery<unknown>): void {
  const same = prepared.sql === built.sql && prepared.parameters.length === built.parameters.length && prepared.parameters.every((p, i) => sameValue(p, built.parameters[i]));
  if (!same) {
    throw new Error(`prepared query differs from the same query built for these arguments (its shape depends on them):\n${prepared.sql}\n${built.sql}`);
  }
}
