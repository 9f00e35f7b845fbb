/** A case as stored. */
import type Database from 'better-sqlite3';
import { eq, sql } from 'drizzle-orm';
import { dbOf } from '../../db/client';
import { cases } from '../../db/schema';
import { NotFoundError } from '../errors';

export type CaseRow = typeof cases.$inferSelect;

export function findCase(sqlite: Database.Database, caseId: string): CaseRow | undefined {
  return dbOf(sqlite).select().from(cases).where(eq(cases.id, caseId)).get();
}

export function loadCase(sqlite: Database.Database, caseId: string): CaseRow {
  const row = findCase(sqlite, caseId);
  if (!row) throw new NotFoundError(`no case ${caseId}`);
  return row;
}

/** Changes a case (its status, its assignee): every change bumps its version (lib/cases/version-check.ts) and its time. */
export function changeCase(sqlite: Database.Database, caseId: string, change: Partial<Pick<CaseRow, 'status' | 'assignee'>>, now: number): void {
  dbOf(sqlite)
    .update(cases)
    .set({ ...change, updatedAt: now, version: sql`${cases.version} + 1` })
    .where(eq(cases.id, caseId))
    .run();
}
