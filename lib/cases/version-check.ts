/**
 * Optimistic concurrency: a change names the case version its author saw.
 * If someone else changed the case since, the change is refused with who did
 * what and when, so the analyst reloads instead of overwriting a colleague.
 */
import type Database from 'better-sqlite3';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { dbOf } from '../../db/client';
import { auditLog } from '../../db/schema';
import { ConflictError } from '../errors';
import type { CaseRow } from './case-row';

export function assertVersion(sqlite: Database.Database, row: CaseRow, expectedVersion: number | undefined): void {
  if (expectedVersion === undefined || expectedVersion === row.version) return;
  throw new ConflictError(`${describeLastChange(sqlite, row)}; reload`);
}

function describeLastChange(sqlite: Database.Database, row: CaseRow): string {
  const last = dbOf(sqlite)
    .select({ actor: auditLog.actor, action: auditLog.action, at: auditLog.at, details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.caseId, row.id), inArray(auditLog.action, ['case_decided', 'case_assigned'])))
    .orderBy(desc(auditLog.seq))
    .limit(1)
    .get();
  if (!last) return `case ${row.id} was changed (now version ${row.version})`;
  const when = new Date(last.at).toISOString();
  if (last.action === 'case_assigned') {
    const { assignee } = JSON.parse(last.details) as { assignee: string | null };
    return `case ${row.id} was ${assignee ? `assigned to ${assignee}` : 'unassigned'} by ${last.actor} at ${when}`;
  }
  return `case ${row.id} was decided by ${last.actor} at ${when} (now ${row.status})`;
}
