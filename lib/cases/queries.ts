/** Reading cases: the list (filtered, paged) and one case with its history. */
import type Database from 'better-sqlite3';
import { auditEntriesForCase } from '../audit/queries';
import type { AuditEntry } from '../audit/chain';
import type { CaseStatus, DecisionAction, Role, SubjectKind } from '../domain';
import type { CaseNote } from './add-note';
import { CASE_COLUMNS, findCase, type CaseRow } from './case-row';

export interface CaseFilters {
  status?: CaseStatus;
  subjectKind?: SubjectKind;
  assignee?: string;
}

export interface PageRequest {
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface CasePage {
  cases: CaseRow[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Decision {
  id: number;
  caseId: string;
  action: DecisionAction;
  reason: string;
  author: string;
  /** The author's role when deciding (null for rows older than the column that the migration could not place). */
  role: Role | null;
  at: number;
}

export interface CaseDetail {
  case: CaseRow;
  decisions: Decision[];
  notes: CaseNote[];
  audit: AuditEntry[];
}

function where(filters: CaseFilters): { sql: string; params: unknown[] } {
  const pairs: [string, unknown][] = [
    ['status = ?', filters.status],
    ['subject_kind = ?', filters.subjectKind],
    ['assignee = ?', filters.assignee],
  ].filter(([, v]) => v !== undefined) as [string, unknown][];
  const sql = pairs.length ? `WHERE ${pairs.map(([c]) => c).join(' AND ')}` : '';
  return { sql, params: pairs.map(([, v]) => v) };
}

/** Newest first (the status index orders by opening time). Without `page`, every matching case. */
export function listCases(sqlite: Database.Database, filters: CaseFilters = {}, page?: PageRequest): CasePage {
  const w = where(filters);
  const total = (sqlite.prepare(`SELECT count(*) AS n FROM cases ${w.sql}`).get(...w.params) as { n: number }).n;
  const limit = page ? `LIMIT ${Math.trunc(page.pageSize)} OFFSET ${Math.trunc((page.page - 1) * page.pageSize)}` : '';
  const cases = sqlite
    .prepare(`SELECT ${CASE_COLUMNS} FROM cases ${w.sql} ORDER BY opened_at DESC, id DESC ${limit}`)
    .all(...w.params) as CaseRow[];
  return { cases, total, page: page?.page ?? 1, pageSize: page?.pageSize ?? total };
}

export function getCase(sqlite: Database.Database, caseId: string): CaseDetail | null {
  const row = findCase(sqlite, caseId);
  if (!row) return null;
  const decisions = sqlite
    .prepare(`SELECT id, case_id AS caseId, action, reason, author, role, at FROM decisions WHERE case_id = ? ORDER BY at, id`)
    .all(caseId) as Decision[];
  const notes = sqlite
    .prepare(`SELECT id, case_id AS caseId, author, body, at FROM case_notes WHERE case_id = ? ORDER BY at, id`)
    .all(caseId) as CaseNote[];
  return { case: row, decisions, notes, audit: auditEntriesForCase(sqlite, caseId) };
}
