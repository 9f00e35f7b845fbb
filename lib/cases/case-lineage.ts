/**
 * Ring cases that change shape: split members off into a new case, or merge
 * one ring's case into another's. Both are recorded as `case_lineage` rows
 * (append-only) and audit entries on both cases, and both bump both cases'
 * versions, so nobody decides a case on a membership that has since moved.
 *
 * - Split: the named members of a ring case move to a new case whose subject
 *   is a sub-ring (`ring_7.s1`, lib/domain/sub-ring.ts). Decisions already made
 *   (the case's, and its member exclusions) stay on the original case; the new
 *   case opens with none. Both case files say where the members went and came from.
 * - Merge: one case absorbs another. The absorbed case is closed as `merged`
 *   (its decisions, notes and audit trail kept, and it links to the survivor);
 *   the survivor lists both rings' members.
 *
 * Who: whoever may decide the case(s) (`decide`, or `decide_escalated` for a
 * case held for leads); a reason is required.
 */
import type Database from 'better-sqlite3';
import { eq, or } from 'drizzle-orm';
import { dbOf, writeTransaction } from '../../db/client';
import { caseLineage, cases } from '../../db/schema';
import { appendAudit } from '../audit/append';
import { assertCan, can, type Actor } from '../auth/permissions';
import type { LineageKind, Role } from '../domain';
import { isSubRing, subRingId } from '../domain/sub-ring';
import { ConflictError, InputError } from '../errors';
import { addCaseAccounts } from './case-copies';
import { changeCase, loadCase, type CaseRow } from './case-row';
import { validReason } from './decide-case';
import { nextCaseId } from './ensure-case';
import { leadsOnly, leadsOnlyReason } from './leads-decide';
import { MAX_MEMBERS_PER_DECISION } from './member-decisions';
import { assertVersion } from './version-check';

export interface LineageEntry {
  id: number;
  kind: LineageKind;
  fromCase: string;
  toCase: string;
  fromRing: string;
  accounts: string[];
  reason: string;
  author: string;
  role: Role;
  at: number;
}

/** Every split and merge a case took part in, oldest first. */
export function lineageOf(sqlite: Database.Database, caseId: string): LineageEntry[] {
  return dbOf(sqlite)
    .select()
    .from(caseLineage)
    .where(or(eq(caseLineage.fromCase, caseId), eq(caseLineage.toCase, caseId)))
    .orderBy(caseLineage.id)
    .all()
    .map((r) => ({ ...r, accounts: JSON.parse(r.accounts) as string[] }));
}

function detectedRingMembers(sqlite: Database.Database, ringId: string): string[] {
  return (
    sqlite
      .prepare(
        `SELECT a.account_id AS id FROM ring_members m JOIN accounts a ON a.id = m.account
         WHERE m.ring_id = ? AND m.as_of = (SELECT max(as_of) FROM rings WHERE ring_id = ?)`,
      )
      .all(ringId, ringId) as { id: string }[]
  ).map((r) => r.id);
}

/**
 * A ring case's members now: detection's ring (or, for a split-off case, the
 * members split into it), plus the members of cases merged into it, less the
 * members split off it. Sorted by account id.
 */
export function caseMembers(sqlite: Database.Database, row: CaseRow): string[] {
  if (row.subjectKind !== 'ring') return [row.subjectId];
  const lineage = lineageOf(sqlite, row.id);
  const members = new Set(isSubRing(row.subjectId) ? [] : detectedRingMembers(sqlite, row.subjectId));
  for (const l of lineage) {
    if (l.toCase === row.id) for (const a of l.accounts) members.add(a);
  }
  for (const l of lineage) {
    if (l.kind === 'split' && l.fromCase === row.id) for (const a of l.accounts) members.delete(a);
  }
  return [...members].sort();
}

function accountKeys(sqlite: Database.Database, accountIds: readonly string[]): number[] {
  return (sqlite.prepare(`SELECT id FROM accounts WHERE account_id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(accountIds)) as { id: number }[]).map(
    (r) => r.id,
  );
}

function assertMayReshape(sqlite: Database.Database, row: CaseRow, user: Actor, what: string): void {
  const held = leadsOnly(sqlite, row);
  const permission = held === null ? 'decide' : 'decide_escalated';
  const why = can(user.role, 'decide') && held !== null ? leadsOnlyReason(held) : 'this role cannot decide cases';
  assertCan(user, permission, `${what} ${row.id}: ${why}`, row.id);
}

function assertRingCase(row: CaseRow, what: string): void {
  if (row.subjectKind !== 'ring') throw new InputError(`${row.id} is the case of one account: only a ring's case can be ${what}`);
  if (row.status === 'merged') throw new ConflictError(`${row.id} was already merged into another case`);
}

const few = (ids: readonly string[]) => `${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ` and ${ids.length - 3} more` : ''}`;

export interface SplitInput {
  caseId: string;
  accountIds: string[];
  reason: string;
  user: Actor;
  expectedVersion: number;
  now?: number;
}

export interface SplitResult {
  from: CaseRow;
  to: CaseRow;
  accounts: string[];
}

export function splitCase(sqlite: Database.Database, input: SplitInput): SplitResult {
  const reason = validReason(input.reason);
  const ids = [...new Set(input.accountIds)];
  if (ids.length === 0) throw new InputError('name at least one member to split off');
  if (ids.length > MAX_MEMBERS_PER_DECISION) throw new InputError(`at most ${MAX_MEMBERS_PER_DECISION} members at once`);
  const now = input.now ?? Date.now();
  return writeTransaction(sqlite, () => {
    const row = loadCase(sqlite, input.caseId);
    assertRingCase(row, 'split');
    assertMayReshape(sqlite, row, input.user, 'split');
    assertVersion(sqlite, row, input.expectedVersion);
    const members = new Set(caseMembers(sqlite, row));
    const outside = ids.filter((id) => !members.has(id));
    if (outside.length > 0) throw new InputError(`not a member of ${row.id}: ${few(outside)}`);
    if (ids.length >= members.size) throw new InputError(`a split leaves at least one member in ${row.id}: merge or decide the whole ring instead`);

    const db = dbOf(sqlite);
    const taken = (sqlite.prepare(`SELECT count(*) AS n FROM cases WHERE subject_kind = 'ring' AND subject_id LIKE ? ESCAPE '\\'`).get(
      `${row.subjectId.replace(/[\\%_]/g, (c) => `\\${c}`)}.s%`,
    ) as { n: number }).n;
    let n = taken + 1;
    while (db.select({ id: cases.id }).from(cases).where(eq(cases.subjectId, subRingId(row.subjectId, n))).get()) n++;
    const subject = subRingId(row.subjectId, n);
    const newId = nextCaseId(sqlite);
    db.insert(cases)
      .values({ id: newId, subjectKind: 'ring', subjectId: subject, status: 'open', assignee: input.user.name, score: row.score, accounts: ids.length, openedAt: now, updatedAt: now, version: 1 })
      .run();
    addCaseAccounts(sqlite, newId, accountKeys(sqlite, ids), now);
    db.insert(caseLineage)
      .values({ kind: 'split', fromCase: row.id, toCase: newId, fromRing: row.subjectId, accounts: JSON.stringify(ids), reason, author: input.user.name, role: input.user.role, at: now })
      .run();
    changeCase(sqlite, row.id, {}, now);
    const from = loadCase(sqlite, row.id);
    const to = loadCase(sqlite, newId);
    const details = { from_case: row.id, to_case: newId, ring: row.subjectId, sub_ring: subject, accounts: ids, count: ids.length, reason, role: input.user.role };
    appendAudit(sqlite, { actor: input.user.name, action: 'case_split', subjectKind: 'ring', subjectId: row.subjectId, caseId: row.id, details: { ...details, version: from.version, members_after: members.size - ids.length }, at: now });
    // The new case's first entry opens it, as detection's do (the trail's ledger check counts them), saying where it came from.
    appendAudit(sqlite, { actor: input.user.name, action: 'case_opened', subjectKind: 'ring', subjectId: subject, caseId: newId, details: { ...details, split_from: row.id, score: row.score, version: to.version }, at: now });
    return { from, to, accounts: ids };
  });
}

export interface MergeInput {
  /** The surviving case. */
  caseId: string;
  /** The case it absorbs, closed as merged. */
  absorbedCaseId: string;
  reason: string;
  user: Actor;
  expectedVersion: number;
  absorbedVersion: number;
  now?: number;
}

export interface MergeResult {
  into: CaseRow;
  absorbed: CaseRow;
  accounts: string[];
}

export function mergeCases(sqlite: Database.Database, input: MergeInput): MergeResult {
  const reason = validReason(input.reason);
  if (input.caseId === input.absorbedCaseId) throw new InputError('a case cannot absorb itself');
  const now = input.now ?? Date.now();
  return writeTransaction(sqlite, () => {
    const into = loadCase(sqlite, input.caseId);
    const absorbed = loadCase(sqlite, input.absorbedCaseId);
    assertRingCase(into, 'merged');
    assertRingCase(absorbed, 'merged');
    assertMayReshape(sqlite, into, input.user, 'merge into');
    assertMayReshape(sqlite, absorbed, input.user, 'merge');
    assertVersion(sqlite, into, input.expectedVersion);
    assertVersion(sqlite, absorbed, input.absorbedVersion);
    const moved = caseMembers(sqlite, absorbed);
    const db = dbOf(sqlite);
    db.insert(caseLineage)
      .values({ kind: 'merge', fromCase: absorbed.id, toCase: into.id, fromRing: absorbed.subjectId, accounts: JSON.stringify(moved), reason, author: input.user.name, role: input.user.role, at: now })
      .run();
    addCaseAccounts(sqlite, into.id, accountKeys(sqlite, moved), now);
    changeCase(sqlite, absorbed.id, { status: 'merged' }, now);
    changeCase(sqlite, into.id, {}, now);
    const after = { into: loadCase(sqlite, into.id), absorbed: loadCase(sqlite, absorbed.id) };
    const details = { into_case: into.id, into_ring: into.subjectId, absorbed_case: absorbed.id, absorbed_ring: absorbed.subjectId, accounts: moved.length, reason, role: input.user.role };
    appendAudit(sqlite, { actor: input.user.name, action: 'case_merged_into', subjectKind: 'ring', subjectId: absorbed.subjectId, caseId: absorbed.id, details: { ...details, from: absorbed.status, to: 'merged', version: after.absorbed.version }, at: now });
    appendAudit(sqlite, { actor: input.user.name, action: 'case_absorbed', subjectKind: 'ring', subjectId: into.subjectId, caseId: into.id, details: { ...details, version: after.into.version }, at: now });
    return { ...after, accounts: moved };
  });
}

/** The case a merged case went into, or null. */
export function mergedInto(sqlite: Database.Database, caseId: string): string | null {
  const row = sqlite.prepare(`SELECT to_case AS toCase FROM case_lineage WHERE kind = 'merge' AND from_case = ? ORDER BY id DESC LIMIT 1`).get(caseId) as { toCase: string } | undefined;
  return row?.toCase ?? null;
}
