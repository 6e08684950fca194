/** What `db:backup` and `db:restore` tell the operator when they cannot go ahead. */
import { PgliteLockedError } from '../src/shared/server/pglite-lock.ts';

export function explainFailure(error: Error, what: 'backup' | 'restore'): string {
  if (error instanceof PgliteLockedError) {
    // Chosen over a backup under the running portal: the folder is single-process (two processes
    // corrupt it) and a file copy under live writes is not consistent.
    return `another process (pid ${error.pid}, normally the running portal) has ${error.dir} open, and a PGlite folder can be open in one process only. ` +
      `Stop the portal, run npm run db:${what} again, then start the portal (a ${what} takes a few seconds). ` +
      'To back up without stopping, run the portal on PostgreSQL (README, "Backup and restore").';
  }
  return error.message;
}
