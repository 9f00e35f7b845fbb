/**
 * Optimistic concurrency: a change names the case version its author saw.
 * If someone else changed the case since, the change is refused with who did
 * what and when, so the analyst reloads instead of overwriting a colleague.
 */
import type Database from 'better-sqlite3';
import { ConflictError } from '../errors';
import type { CaseRow } from './case-row';

export function assertVersion(sqlite: Database.Database, row: CaseRow, expectedVersion: number | undefined): void {
  if (expectedVersion === undefined || expectedVersion === row.version) return;
  throw new ConflictError(`${describeLastChange(sqlite, row)}; reload`);
}

function describeLastChange(sqlite: Database.Database, row: CaseRow): string {
  const last = sqlite
    .prepare(
      `SELECT actor, action, at, details FROM audit_log
       WHERE case_id = ? AND action IN ('case_decided', 'case_assigned') ORDER BY seq DESC LIMIT 1`,
    )
    .get(row.id) as { actor: string; action: string; at: number; details: string } | undefined;
  if (!last) return `case ${row.id} was changed (now version ${row.version})`;
  const when = new Date(last.at).toISOString();
  if (last.action === 'case_assigned') {
    const { assignee } = JSON.parse(last.details) as { assignee: string | null };
    return `case ${row.id} was ${assignee ? `assigned to ${assignee}` : 'unassigned'} by ${last.actor} at ${when}`;
  }
  return `case ${row.id} was decided by ${last.actor} at ${when} (now ${row.status})`;
}
