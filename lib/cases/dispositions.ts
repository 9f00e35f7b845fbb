/**
 * Why a case was closed: false positive, confirmed extraction or policy
 * referral, with a note. Closing a case (confirm or dismiss, lib/cases/decide-case.ts)
 * records one with the decision; a change of mind later is a new row and an
 * audit entry, never an edit. A case's disposition is its latest row.
 */
import type Database from 'better-sqlite3';
import { desc, eq, sql } from 'drizzle-orm';
import { dbOf, writeTransaction } from '../../db/client';
import { caseDispositions, cases } from '../../db/schema';
import { appendAudit } from '../audit/append';
import { assertCan, type Actor } from '../auth/permissions';
import { DISPOSITION_LABELS, DISPOSITIONS, type DecisionAction, type Disposition } from '../domain';
import { ConflictError, InputError } from '../errors';
import { loadCase, type CaseRow } from './case-row';
import { validReason } from './decide-case';
import { requiredPermission } from './leads-decide';
import { assertVersion } from './version-check';

export type DispositionRow = typeof caseDispositions.$inferSelect;

/** The decisions that close a case, and so need a disposition. */
export const CLOSING_ACTIONS: readonly DecisionAction[] = ['confirm', 'dismiss'];

/** What a close means when the caller did not say (the command line's `decide`, which predates dispositions). */
export const DEFAULT_DISPOSITION: Readonly<Record<'confirm' | 'dismiss', Disposition>> = {
  confirm: 'confirmed_extraction',
  dismiss: 'false_positive',
};

export function dispositionLabel(d: Disposition): string {
  return DISPOSITION_LABELS[d] ?? d;
}

export function validDisposition(value: string): Disposition {
  if (!(DISPOSITIONS as readonly string[]).includes(value)) throw new InputError(`a disposition is one of ${DISPOSITIONS.join(', ')}`);
  return value as Disposition;
}

/** Writes a disposition row (inside the caller's transaction). */
export function insertDisposition(
  sqlite: Database.Database,
  row: { caseId: string; disposition: Disposition; note: string; decisionId: number | null; user: Actor; at: number },
): DispositionRow {
  return dbOf(sqlite)
    .insert(caseDispositions)
    .values({ caseId: row.caseId, disposition: row.disposition, note: row.note, decisionId: row.decisionId, author: row.user.name, role: row.user.role, at: row.at })
    .returning()
    .get();
}

/** A case's current disposition: its latest row, or null (open, escalated, or closed before dispositions). */
export function currentDisposition(sqlite: Database.Database, caseId: string): DispositionRow | null {
  return dbOf(sqlite).select().from(caseDispositions).where(eq(caseDispositions.caseId, caseId)).orderBy(desc(caseDispositions.id)).limit(1).get() ?? null;
}

/** Every disposition of a case, oldest first. */
export function dispositionsOf(sqlite: Database.Database, caseId: string): DispositionRow[] {
  return dbOf(sqlite).select().from(caseDispositions).where(eq(caseDispositions.caseId, caseId)).orderBy(caseDispositions.id).all();
}

/** The current disposition of many cases (the case list's page). */
export function currentDispositions(sqlite: Database.Database, caseIds: readonly string[]): Map<string, Disposition> {
  if (caseIds.length === 0) return new Map();
  const rows = sqlite
    .prepare(
      `SELECT d.case_id AS caseId, d.disposition FROM case_dispositions d
       WHERE d.case_id IN (SELECT value FROM json_each(?))
         AND d.id = (SELECT max(id) FROM case_dispositions l WHERE l.case_id = d.case_id)`,
    )
    .all(JSON.stringify(caseIds)) as { caseId: string; disposition: Disposition }[];
  return new Map(rows.map((r) => [r.caseId, r.disposition]));
}

export interface ChangeDispositionInput {
  caseId: string;
  disposition: string;
  note: string;
  user: Actor;
  expectedVersion: number;
  now?: number;
}

/** A change of mind about why a closed case was closed: a new row, the old one kept. Who: whoever may decide the case. */
export function changeDisposition(sqlite: Database.Database, input: ChangeDispositionInput): { case: CaseRow; disposition: DispositionRow } {
  const disposition = validDisposition(input.disposition);
  const note = validReason(input.note);
  const now = input.now ?? Date.now();
  return writeTransaction(sqlite, () => {
    const row = loadCase(sqlite, input.caseId);
    assertCan(input.user, requiredPermission(sqlite, row), `change the disposition of ${row.id}`, row.id);
    assertVersion(sqlite, row, input.expectedVersion);
    if (row.status !== 'confirmed' && row.status !== 'dismissed') throw new ConflictError(`case ${row.id} is ${row.status}: a disposition belongs to a closed case`);
    const previous = currentDisposition(sqlite, row.id);
    if (previous?.disposition === disposition) throw new ConflictError(`case ${row.id} is already "${dispositionLabel(disposition)}"`);
    const written = insertDisposition(sqlite, { caseId: row.id, disposition, note, decisionId: null, user: input.user, at: now });
    dbOf(sqlite).update(cases).set({ updatedAt: now, version: sql`${cases.version} + 1` }).where(eq(cases.id, row.id)).run();
    const updated = loadCase(sqlite, row.id);
    appendAudit(sqlite, {
      actor: input.user.name,
      action: 'case_disposition_changed',
      subjectKind: row.subjectKind,
      subjectId: row.subjectId,
      caseId: row.id,
      details: { disposition, previous: previous?.disposition ?? null, note, role: input.user.role, version: updated.version },
      at: now,
    });
    return { case: updated, disposition: written };
  });
}
