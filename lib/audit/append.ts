/**
 * Appending to the audit trail. Always inside the caller's write transaction,
 * so an entry exists exactly when the change it describes was committed, and
 * the write lock makes "read the last hash, insert the next" race-free. Once
 * that transaction commits, the new head is signed and written outside the
 * store (lib/audit/head-file.ts).
 */
import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { afterCommit, preparedQuery, type Db } from '../../db/client';
import { auditLog } from '../../db/schema';
import type { AuditAction } from './actions';
import { canonicalJson } from './canonical-json';
import { entryHash, GENESIS_HASH, type AuditEntry } from './chain';
import { anchorHead } from './head-file';
import { auditHead } from './queries';

export interface AuditInput {
  actor: string;
  action: AuditAction;
  subjectKind?: string | null;
  subjectId?: string | null;
  caseId?: string | null;
  details: Record<string, unknown>;
  /** Epoch ms; defaults to now. */
  at?: number;
}

/** The insert, prepared once per connection: detection appends one entry per case it opens. */
const insertQuery = (db: Db) =>
  db
    .insert(auditLog)
    .values({
      seq: sql.placeholder('seq'),
      at: sql.placeholder('at'),
      actor: sql.placeholder('actor'),
      action: sql.placeholder('action'),
      subjectKind: sql.placeholder('subjectKind'),
      subjectId: sql.placeholder('subjectId'),
      caseId: sql.placeholder('caseId'),
      details: sql.placeholder('details'),
      prevHash: sql.placeholder('prevHash'),
      hash: sql.placeholder('hash'),
    })
    .prepare();

export function appendAudit(sqlite: Database.Database, input: AuditInput): AuditEntry {
  if (!sqlite.inTransaction) throw new Error('appendAudit must run inside the caller’s write transaction');
  const last = auditHead(sqlite);
  // Round-trip through canonical JSON so the hashed content is exactly what is stored.
  const detailsText = canonicalJson(input.details);
  const content = {
    seq: (last?.seq ?? 0) + 1,
    at: input.at ?? Date.now(),
    actor: input.actor,
    action: input.action,
    subjectKind: input.subjectKind ?? null,
    subjectId: input.subjectId ?? null,
    caseId: input.caseId ?? null,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = entryHash(prevHash, { ...content, details: JSON.parse(detailsText) });
  const entry: AuditEntry = { ...content, details: detailsText, prevHash, hash };
  preparedQuery(sqlite, insertQuery).run(entry);
  afterCommit(sqlite, 'audit-head', () => anchorHead(sqlite));
  return entry;
}
