/**
 * Appending to the audit trail. Always inside the caller's write transaction,
 * so an entry exists exactly when the change it describes was committed, and
 * the write lock makes "read the last hash, insert the next" race-free. Once
 * that transaction commits, the new head is signed and written outside the
 * store (lib/audit/head-file.ts).
 */
import type Database from 'better-sqlite3';
import { afterCommit } from '../../db/client';
import type { AuditAction } from './actions';
import { canonicalJson } from './canonical-json';
import { entryHash, GENESIS_HASH, type AuditEntry } from './chain';
import { anchorHead } from './head-file';

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

export function appendAudit(sqlite: Database.Database, input: AuditInput): AuditEntry {
  if (!sqlite.inTransaction) throw new Error('appendAudit must run inside the caller’s write transaction');
  const last = sqlite.prepare(`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as
    | { seq: number; hash: string }
    | undefined;
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
  sqlite
    .prepare(
      `INSERT INTO audit_log (seq, at, actor, action, subject_kind, subject_id, case_id, details, prev_hash, hash)
       VALUES (@seq, @at, @actor, @action, @subjectKind, @subjectId, @caseId, @details, @prevHash, @hash)`,
    )
    .run({ ...content, details: detailsText, prevHash, hash });
  afterCommit(sqlite, 'audit-head', () => anchorHead(sqlite));
  return { ...content, details: detailsText, prevHash, hash };
}
