/**
 * Notes on a case. Notes add to a case without changing it, so they do not
 * bump its version: a colleague's note never blocks your decision.
 */
import type Database from 'better-sqlite3';
import { writeTransaction } from '../../db/client';
import { appendAudit } from '../audit/append';
import { can, type Actor } from '../auth/permissions';
import { ForbiddenError, InputError } from '../errors';
import { loadCase } from './case-row';

export const NOTE_MAX = 10_000;

export interface CaseNote {
  id: number;
  caseId: string;
  author: string;
  body: string;
  at: number;
}

export function addNote(
  sqlite: Database.Database,
  input: { caseId: string; body: string; user: Actor; now?: number },
): CaseNote {
  const body = input.body.trim();
  if (body.length === 0 || body.length > NOTE_MAX) throw new InputError(`a note is 1–${NOTE_MAX} characters`);
  const now = input.now ?? Date.now();
  return writeTransaction(sqlite, () => {
    const row = loadCase(sqlite, input.caseId);
    if (!can(input.user.role, 'work_cases')) {
      throw new ForbiddenError(`${input.user.name} (${input.user.role}) may not add notes`, {
        actor: input.user.name,
        permission: 'work_cases',
        caseId: row.id,
      });
    }
    const id = Number(
      sqlite
        .prepare(`INSERT INTO case_notes (case_id, author, body, at) VALUES (?, ?, ?, ?)`)
        .run(row.id, input.user.name, body, now).lastInsertRowid,
    );
    appendAudit(sqlite, {
      actor: input.user.name,
      action: 'note_added',
      subjectKind: row.subjectKind,
      subjectId: row.subjectId,
      caseId: row.id,
      details: { note_id: id, body },
      at: now,
    });
    return { id, caseId: row.id, author: input.user.name, body, at: now };
  });
}
