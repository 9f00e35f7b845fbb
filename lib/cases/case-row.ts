/** A case as stored. */
import type Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
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
