/** A case as stored. */
import type Database from 'better-sqlite3';
import type { CaseStatus, SubjectKind } from '../domain';
import { NotFoundError } from '../errors';

export interface CaseRow {
  id: string;
  subjectKind: SubjectKind;
  subjectId: string;
  status: CaseStatus;
  assignee: string | null;
  score: number;
  accounts: number;
  openedAt: number;
  updatedAt: number;
  version: number;
}

export const CASE_COLUMNS = `id, subject_kind AS subjectKind, subject_id AS subjectId, status, assignee, score,
  accounts, opened_at AS openedAt, updated_at AS updatedAt, version`;

export function findCase(sqlite: Database.Database, caseId: string): CaseRow | undefined {
  return sqlite.prepare(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = ?`).get(caseId) as CaseRow | undefined;
}

export function loadCase(sqlite: Database.Database, caseId: string): CaseRow {
  const row = findCase(sqlite, caseId);
  if (!row) throw new NotFoundError(`no case ${caseId}`);
  return row;
}
