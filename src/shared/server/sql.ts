/** Small SQL fragments shared by the repositories. */
import { sql } from 'kysely';

/** "Given Family" of the person table under `alias`. */
export const personName = (alias: string) => sql<string>`${sql.ref(`${alias}.given_name`)} || ' ' || ${sql.ref(`${alias}.family_name`)}`;
