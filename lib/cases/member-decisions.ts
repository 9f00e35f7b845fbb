/**
 * Member-level decisions inside a ring's case: excluding members as false
 * positives (with a reason), and reinstating them. The case's own decision
 * still covers the ring; an excluded member is listed apart from the ring on
 * the case page and in the case file, and the audit trail says who excluded
 * whom and why.
 *
 * Rules, inside one write transaction:
 * - who: the same as deciding the case (`decide`, or `decide_escalated` for a
 *   case leads and legal hold — lib/cases/leads-decide.ts);
 * - which version: the analyst names the case version they saw (409 otherwise),
 *   and the change bumps it, so a decision made on the old membership is refused;
 * - what: only a ring's case, only the ring's members (as detection last
 *   stored them), only members whose standing changes (excluding an excluded
 *   member is refused, not recorded twice);
 * - never overwritten: each change is a new `case_member_decisions` row; a
 *   member's standing is its latest row.
 */
import type Database from 'better-sqlite3';
import { dbOf, writeTransaction } from '../../db/client';
import { caseMemberDecisions } from '../../db/schema';
import { appendAudit } from '../audit/append';
import { assertCan, can, type Actor } from '../auth/permissions';
import type { MemberAction, Role } from '../domain';
import { ConflictError, InputError } from '../errors';
import { changeCase, loadCase, type CaseRow } from './case-row';
import { validReason } from './decide-case';
import { leadsOnly, leadsOnlyReason } from './leads-decide';
import { assertVersion } from './version-check';

/** The most members one request may change (a split-off crowd is decided in pages). */
export const MAX_MEMBERS_PER_DECISION = 1000;

export interface MemberDecisionInput {
  caseId: string;
  action: MemberAction;
  accountIds: string[];
  reason: string;
  user: Actor;
  expectedVersion: number;
  now?: number;
}

export interface ExcludedMember {
  accountId: string;
  reason: string;
  author: string;
  role: Role;
  at: number;
}

export interface MemberDecisionRow {
  id: number;
  accountId: string;
  action: MemberAction;
  reason: string;
  author: string;
  role: Role;
  at: number;
}

/** Every member decision of a case, oldest first. */
export function memberDecisions(sqlite: Database.Database, caseId: string): MemberDecisionRow[] {
  return sqlite
    .prepare(`SELECT id, account_id AS accountId, action, reason, author, role, at FROM case_member_decisions WHERE case_id = ? ORDER BY id`)
    .all(caseId) as MemberDecisionRow[];
}

/** The members a case currently excludes: each member's latest row is an exclusion. */
export function excludedMembers(sqlite: Database.Database, caseId: string): ExcludedMember[] {
  return sqlite
    .prepare(
      `SELECT d.account_id AS accountId, d.reason, d.author, d.role, d.at
       FROM case_member_decisions d
       WHERE d.case_id = ? AND d.action = 'exclude'
         AND d.id = (SELECT max(id) FROM case_member_decisions l WHERE l.case_id = d.case_id AND l.account_id = d.account_id)
       ORDER BY d.account_id`,
    )
    .all(caseId) as ExcludedMember[];
}

function ringMemberIds(sqlite: Database.Database, ringId: string): Set<string> {
  return new Set(
    (
      sqlite
        .prepare(
          `SELECT a.account_id AS id FROM ring_members m JOIN accounts a ON a.id = m.account
           WHERE m.ring_id = ? AND m.as_of = (SELECT max(as_of) FROM rings WHERE ring_id = ?)`,
        )
        .all(ringId, ringId) as { id: string }[]
    ).map((r) => r.id),
  );
}

function assertMayDecide(sqlite: Database.Database, row: CaseRow, user: Actor): void {
  const held = leadsOnly(sqlite, row);
  const permission = held === null ? 'decide' : 'decide_escalated';
  const why = can(user.role, 'decide') && held !== null ? leadsOnlyReason(held) : 'this role cannot decide cases';
  assertCan(user, permission, `change the members of ${row.id}: ${why}`, row.id);
}

export function decideMembers(sqlite: Database.Database, input: MemberDecisionInput): { case: CaseRow; changed: string[] } {
  const reason = validReason(input.reason);
  const ids = [...new Set(input.accountIds)];
  if (ids.length === 0) throw new InputError('name at least one member');
  if (ids.length > MAX_MEMBERS_PER_DECISION) throw new InputError(`at most ${MAX_MEMBERS_PER_DECISION} members at once`);
  const now = input.now ?? Date.now();
  return writeTransaction(sqlite, () => {
    const row = loadCase(sqlite, input.caseId);
    if (row.subjectKind !== 'ring') throw new InputError(`${row.id} is the case of one account: only a ring's case has members to exclude`);
    assertMayDecide(sqlite, row, input.user);
    assertVersion(sqlite, row, input.expectedVersion);
    const members = ringMemberIds(sqlite, row.subjectId);
    const outside = ids.filter((id) => !members.has(id));
    if (outside.length > 0) throw new InputError(`not a member of ${row.subjectId}: ${outside.slice(0, 3).join(', ')}${outside.length > 3 ? ` and ${outside.length - 3} more` : ''}`);
    const excluded = new Set(excludedMembers(sqlite, row.id).map((m) => m.accountId));
    const already = ids.filter((id) => (input.action === 'exclude') === excluded.has(id));
    if (already.length > 0) {
      throw new ConflictError(`${already.slice(0, 3).join(', ')}${already.length > 3 ? ` and ${already.length - 3} more` : ''} ${already.length === 1 ? 'is' : 'are'} already ${input.action === 'exclude' ? 'excluded' : 'in the case'}`);
    }
    const db = dbOf(sqlite);
    for (const accountId of ids) db.insert(caseMemberDecisions).values({ caseId: row.id, accountId, action: input.action, reason, author: input.user.name, role: input.user.role, at: now }).run();
    changeCase(sqlite, row.id, {}, now);
    const updated = loadCase(sqlite, row.id);
    appendAudit(sqlite, {
      actor: input.user.name,
      action: input.action === 'exclude' ? 'case_members_excluded' : 'case_members_reinstated',
      subjectKind: row.subjectKind,
      subjectId: row.subjectId,
      caseId: row.id,
      details: { accounts: ids, reason, role: input.user.role, ring_size: members.size, excluded_after: excluded.size + (input.action === 'exclude' ? ids.length : -ids.length), version: updated.version },
      at: now,
    });
    return { case: updated, changed: ids };
  });
}
