/** Reading cases: the list (filtered, paged) and one case with its history. */
import type Database from 'better-sqlite3';
import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm';
import { dbOf } from '../../db/client';
import { caseNotes, cases, decisions } from '../../db/schema';
import { auditEntriesForCase } from '../audit/queries';
import type { AuditEntry } from '../audit/chain';
import type { CaseStatus, SubjectKind } from '../domain';
import type { CaseNote } from './add-note';
import { findCase, type CaseRow } from './case-row';
import { lineageOf, type LineageEntry } from './case-lineage';
import { dispositionsOf, type DispositionRow } from './dispositions';

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

/** A decision row; `role` is the author's role when deciding (null for rows older than the column that the migration could not place). */
export type Decision = typeof decisions.$inferSelect;

export interface CaseDetail {
  case: CaseRow;
  decisions: Decision[];
  notes: CaseNote[];
  audit: AuditEntry[];
  /** Why the case was closed, every row oldest first (lib/cases/dispositions.ts): the last is the current one. */
  dispositions: DispositionRow[];
  /** Splits and merges the case took part in (lib/cases/case-lineage.ts). */
  lineage: LineageEntry[];
}

/** The filters as one condition (undefined: every case). */
function caseFilter(filters: CaseFilters): SQL | undefined {
  const conditions = [
    filters.status === undefined ? undefined : eq(cases.status, filters.status),
    filters.subjectKind === undefined ? undefined : eq(cases.subjectKind, filters.subjectKind),
    filters.assignee === undefined ? undefined : eq(cases.assignee, filters.assignee),
  ];
  return and(...conditions);
}

/** Newest first (the status index orders by opening time). Without `page`, every matching case. */
export function listCases(sqlite: Database.Database, filters: CaseFilters = {}, page?: PageRequest): CasePage {
  const db = dbOf(sqlite);
  const where = caseFilter(filters);
  const total = db.select({ n: count() }).from(cases).where(where).get()?.n ?? 0;
  const query = db.select().from(cases).where(where).orderBy(desc(cases.openedAt), desc(cases.id));
  const rows = page ? query.limit(Math.trunc(page.pageSize)).offset(Math.trunc((page.page - 1) * page.pageSize)).all() : query.all();
  return { cases: rows, total, page: page?.page ?? 1, pageSize: page?.pageSize ?? total };
}

/** A case's decisions, oldest first. */
export function caseDecisions(sqlite: Database.Database, caseId: string): Decision[] {
  return dbOf(sqlite).select().from(decisions).where(eq(decisions.caseId, caseId)).orderBy(asc(decisions.at), asc(decisions.id)).all();
}

/** A case's notes, oldest first. */
export function caseNotesOf(sqlite: Database.Database, caseId: string): CaseNote[] {
  return dbOf(sqlite).select().from(caseNotes).where(eq(caseNotes.caseId, caseId)).orderBy(asc(caseNotes.at), asc(caseNotes.id)).all();
}

export function getCase(sqlite: Database.Database, caseId: string): CaseDetail | null {
  const row = findCase(sqlite, caseId);
  if (!row) return null;
  return {
    case: row,
    decisions: caseDecisions(sqlite, caseId),
    notes: caseNotesOf(sqlite, caseId),
    audit: auditEntriesForCase(sqlite, caseId),
    dispositions: dispositionsOf(sqlite, caseId),
    lineage: lineageOf(sqlite, caseId),
  };
}
