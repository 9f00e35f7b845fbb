/**
 * The members of a ring case that use one identifier: how an analyst picks
 * a sub-ring to split off ("the 148 accounts on card pm_…") without ticking
 * them one by one, and beyond the members the case page lists.
 */
import type Database from 'better-sqlite3';
import { InputError } from '../errors';
import { caseMembers } from './case-lineage';
import { loadCase } from './case-row';

export interface MembersSharing {
  kind: string;
  value: string;
  /** The case's members that use it (latest detection window), by account id. */
  accountIds: string[];
  /** The case's members in all. */
  members: number;
}

export function membersSharing(sqlite: Database.Database, caseId: string, kind: string, value: string): MembersSharing {
  const row = loadCase(sqlite, caseId);
  if (row.subjectKind !== 'ring') throw new InputError(`${caseId} is an account's case: it has no members to pick`);
  const members = caseMembers(sqlite, row);
  const users = new Set(
    sqlite
      .prepare(`SELECT a.account_id FROM account_identifiers i JOIN accounts a ON a.id = i.account WHERE i.kind = ? AND i.value = ?`)
      .pluck()
      .all(kind, value) as string[],
  );
  return { kind, value, accountIds: members.filter((m) => users.has(m)), members: members.length };
}
