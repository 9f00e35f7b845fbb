/** Reading the audit trail (case pages, case files, chain checks). */
import type Database from 'better-sqlite3';
import type { AuditEntry } from './chain';

const COLUMNS = `seq, at, actor, action, subject_kind AS subjectKind, subject_id AS subjectId,
  case_id AS caseId, details, prev_hash AS prevHash, hash`;

export function auditEntriesForCase(sqlite: Database.Database, caseId: string): AuditEntry[] {
  return sqlite.prepare(`SELECT ${COLUMNS} FROM audit_log WHERE case_id = ? ORDER BY seq`).all(caseId) as AuditEntry[];
}

/** The whole trail in order, streamed: it grows with every decision and sign-in. */
export function* allAuditEntries(sqlite: Database.Database): Generator<AuditEntry> {
  yield* sqlite.prepare(`SELECT ${COLUMNS} FROM audit_log ORDER BY seq`).iterate() as Iterable<AuditEntry>;
}
