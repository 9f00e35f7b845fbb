/** Reading the audit trail (case pages, case files, chain checks, the head). */
import type Database from 'better-sqlite3';
import { and, asc, desc, eq, gte, max, sql } from 'drizzle-orm';
import { dbOf, preparedQuery, type Db } from '../../db/client';
import { auditLog } from '../../db/schema';
import type { AuditEntry } from './chain';

/** The trail's last entry, read before every append (once per case detection opens): prepared once per connection. */
const headQuery = (db: Db) =>
  db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1).prepare();

/** The trail's head: its last seq and that entry's hash, or null for an empty trail. */
export function auditHead(sqlite: Database.Database): { seq: number; hash: string } | null {
  return preparedQuery(sqlite, headQuery).get() ?? null;
}

/** The hash the trail holds at `seq`, or null when there is no such entry. */
export function auditHashAt(sqlite: Database.Database, seq: number): string | null {
  return dbOf(sqlite).select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, seq)).get()?.hash ?? null;
}

export function auditEntriesForCase(sqlite: Database.Database, caseId: string): AuditEntry[] {
  return dbOf(sqlite).select().from(auditLog).where(eq(auditLog.caseId, caseId)).orderBy(asc(auditLog.seq)).all();
}

/** The last seq among a case's entries, or null when it has none. */
export function lastAuditSeqOfCase(sqlite: Database.Database, caseId: string): number | null {
  return dbOf(sqlite).select({ seq: max(auditLog.seq) }).from(auditLog).where(eq(auditLog.caseId, caseId)).get()?.seq ?? null;
}

const PAGE = 2000;
/** The lowest seq SQLite can store (a tampered trail may hold any). */
const FIRST_ROWID = -(2n ** 63n);

const pageQuery = (db: Db) =>
  db.select().from(auditLog).where(gte(auditLog.seq, sql.placeholder('from'))).orderBy(asc(auditLog.seq)).limit(PAGE).prepare();

/**
 * The trail in order from seq `fromSeq` (default: the whole trail), read a
 * page at a time: it grows with every decision and sign-in.
 */
export function* allAuditEntries(sqlite: Database.Database, fromSeq: number | bigint = FIRST_ROWID): Generator<AuditEntry> {
  const page = preparedQuery(sqlite, pageQuery);
  for (let from = fromSeq; ; ) {
    const rows = page.all({ from });
    yield* rows;
    if (rows.length < PAGE) return;
    from = rows[rows.length - 1].seq + 1;
  }
}

/** Who exported a case file, and when (its `case_exported` entry). */
export type ExportEntry = Pick<AuditEntry, 'seq' | 'at' | 'actor' | 'caseId'>;

/** The trail's record of the export whose manifest has this SHA-256 (the first, if recorded twice), or null. */
export function exportEntryOf(sqlite: Database.Database, manifestSha256: string): ExportEntry | null {
  return (
    dbOf(sqlite)
      .select({ seq: auditLog.seq, at: auditLog.at, actor: auditLog.actor, caseId: auditLog.caseId })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'case_exported'), eq(sql`json_extract(${auditLog.details}, '$.manifest_sha256')`, manifestSha256)))
      .orderBy(asc(auditLog.seq))
      .limit(1)
      .get() ?? null
  );
}
