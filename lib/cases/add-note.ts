/**
 * Notes on a case. Notes add to a case without changing it, so they do not
 * bump its version: a colleague's note never blocks your decision.
 */
import type Database from 'better-sqlite3';
import { dbOf, writeTransaction } from '../../db/client';
import { caseNotes } from '../../db/schema';
import { appendAudit } from '../audit/append';
import { assertCan, type Actor } from '../auth/permissions';
import { InputError } from '../errors';
import { loadCase } from './case-row';

export const NOTE_MAX = 10_000;

export type CaseNote = typeof caseNotes.$inferSelect;

export function addNote(
  sqlite: Database.Database,
  input: { caseId: string; body: string; user: Actor; now?: number },
): CaseNote {
  const body = input.body.trim();
  if (body.length === 0 || body.length > NOTE_MAX) throw new InputError(`a note is 1–${NOTE_MAX} characters`);
  const now = input.now ?? Date.now();
  return writeTransaction(sqlite, () => {
    const row = loadCase(sqlite, input.caseId);
    assertCan(input.user, 'work_cases', 'add notes', row.id);
    const note = dbOf(sqlite).insert(caseNotes).values({ caseId: row.id, author: input.user.name, body, at: now }).returning().get();
    appendAudit(sqlite, {
      actor: input.user.name,
      action: 'note_added',
      subjectKind: row.subjectKind,
      subjectId: row.subjectId,
      caseId: row.id,
      details: { note_id: note.id, body },
      at: now,
    });
    return note;
  });
}
