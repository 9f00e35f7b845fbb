/**
 * Detection's way into the case store: one case per subject, ever. A subject
 * flagged again joins its existing case (whatever its status) instead of
 * opening a duplicate or reopening a decision an analyst made.
 */
import type Database from 'better-sqlite3';
import { writeTransaction } from '../../db/client';
import { appendAudit } from '../audit/append';
import type { CaseStatus, SubjectKind } from '../domain';

export interface EnsureCaseInput {
  subjectKind: SubjectKind;
  subjectId: string;
  score: number;
  accounts: number;
  now?: number;
}

export interface EnsuredCase {
  caseId: string;
  created: boolean;
  status: CaseStatus;
}

const COUNTER_KEY = 'case_counter';

/** `case_000123`: a counter in `meta`, so ids stay short and never repeat. */
function nextCaseId(sqlite: Database.Database): string {
  const row = sqlite.prepare(`SELECT value FROM meta WHERE key = ?`).get(COUNTER_KEY) as { value: string } | undefined;
  // First use on a store that already has cases (imported, older build): continue after the highest.
  const last = row
    ? Number(row.value)
    : (sqlite.prepare(`SELECT count(*) AS n FROM cases`).get() as { n: number }).n;
  const next = last + 1;
  sqlite.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(COUNTER_KEY, String(next));
  return `case_${String(next).padStart(6, '0')}`;
}

export function ensureCase(sqlite: Database.Database, input: EnsureCaseInput): EnsuredCase {
  const now = input.now ?? Date.now();
  return writeTransaction(sqlite, () => {
    const existing = sqlite
      .prepare(`SELECT id, status FROM cases WHERE subject_kind = ? AND subject_id = ?`)
      .get(input.subjectKind, input.subjectId) as { id: string; status: CaseStatus } | undefined;
    if (existing) {
      // Undecided cases show the latest score; a decided case keeps the score it was decided on.
      if (existing.status === 'open' || existing.status === 'escalated') {
        sqlite.prepare(`UPDATE cases SET score = ?, accounts = ? WHERE id = ?`).run(input.score, input.accounts, existing.id);
      }
      return { caseId: existing.id, created: false, status: existing.status };
    }
    const caseId = nextCaseId(sqlite);
    sqlite
      .prepare(
        `INSERT INTO cases (id, subject_kind, subject_id, status, assignee, score, accounts, opened_at, updated_at, version)
         VALUES (?, ?, ?, 'open', NULL, ?, ?, ?, ?, 1)`,
      )
      .run(caseId, input.subjectKind, input.subjectId, input.score, input.accounts, now, now);
    appendAudit(sqlite, {
      actor: 'detect',
      action: 'case_opened',
      subjectKind: input.subjectKind,
      subjectId: input.subjectId,
      caseId,
      details: { score: input.score, accounts: input.accounts },
      at: now,
    });
    return { caseId, created: true, status: 'open' as const };
  });
}
