/** Assigning a case to someone who works cases (or to nobody). */
import type Database from 'better-sqlite3';
import { writeTransaction } from '../../db/client';
import { appendAudit } from '../audit/append';
import { assertCan, can, type Actor } from '../auth/permissions';
import { findUser } from '../auth/users';
import { InputError } from '../errors';
import { changeCase, loadCase, type CaseRow } from './case-row';
import { assertVersion } from './version-check';

export interface AssignInput {
  caseId: string;
  /** A user name, or null to unassign. */
  assignee: string | null;
  user: Actor;
  expectedVersion?: number;
  now?: number;
}

export function assignCase(sqlite: Database.Database, input: AssignInput): CaseRow {
  const now = input.now ?? Date.now();
  return writeTransaction(sqlite, () => {
    const row = loadCase(sqlite, input.caseId);
    assertCan(input.user, 'work_cases', 'assign cases', row.id);
    assertVersion(sqlite, row, input.expectedVersion);
    if (input.assignee !== null) {
      const target = findUser(sqlite, input.assignee);
      if (!target || target.disabled || !can(target.role, 'work_cases')) {
        throw new InputError(`${input.assignee} is not an active user who works cases`);
      }
    }
    if (row.assignee === input.assignee) return row;
    changeCase(sqlite, row.id, { assignee: input.assignee }, now);
    appendAudit(sqlite, {
      actor: input.user.name,
      action: 'case_assigned',
      subjectKind: row.subjectKind,
      subjectId: row.subjectId,
      caseId: row.id,
      details: { assignee: input.assignee, previous: row.assignee },
      at: now,
    });
    return loadCase(sqlite, row.id);
  });
}
