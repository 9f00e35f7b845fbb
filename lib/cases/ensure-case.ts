/**
 * Detection's way into the case store: one case per subject, ever. A subject
 * flagged again joins its existing case (whatever its status) instead of
 * opening a duplicate or reopening a decision an analyst made.
 */
import type Database from 'better-sqlite3';
import { and, count, eq, sql } from 'drizzle-orm';
import { dbOf, preparedQuery, writeTransaction, type Db } from '../../db/client';
import { cases, meta } from '../../db/schema';
import { appendAudit } from '../audit/append';
import type { CaseStatus, SubjectKind } from '../domain';
import { addCaseAccounts } from './case-copies';

export interface EnsureCaseInput {
  subjectKind: SubjectKind;
  subjectId: string;
  score: number;
  accounts: number;
  /** The subject's accounts (store keys): each new to the case has its evidence copied into it (lib/cases/case-copies.ts). */
  members?: readonly number[];
  now?: number;
}

export interface EnsuredCase {
  caseId: string;
  created: boolean;
  status: CaseStatus;
}

const COUNTER_KEY = 'case_counter';

// Detection opens up to one case per flagged subject in one run (the bench's queue: 50,000), so
// the statements that run once per subject are prepared once per connection.
const subjectCaseQuery = (db: Db) =>
  db
    .select({ id: cases.id, status: cases.status })
    .from(cases)
    .where(and(eq(cases.subjectKind, sql.placeholder('subjectKind')), eq(cases.subjectId, sql.placeholder('subjectId'))))
    .prepare();
const rescoreQuery = (db: Db) =>
  db
    .update(cases)
    // drizzle types a placeholder in `set` only inside `sql`.
    .set({ score: sql`${sql.placeholder('score')}`, accounts: sql`${sql.placeholder('accounts')}` })
    .where(eq(cases.id, sql.placeholder('id')))
    .prepare();
const counterQuery = (db: Db) => db.select({ value: meta.value }).from(meta).where(eq(meta.key, COUNTER_KEY)).prepare();
const setCounterQuery = (db: Db) =>
  db
    .insert(meta)
    .values({ key: COUNTER_KEY, value: sql.placeholder('value') })
    .onConflictDoUpdate({ target: meta.key, set: { value: sql`excluded.value` } })
    .prepare();
const insertCaseQuery = (db: Db) =>
  db
    .insert(cases)
    .values({
      id: sql.placeholder('id'),
      subjectKind: sql.placeholder('subjectKind'),
      subjectId: sql.placeholder('subjectId'),
      status: 'open',
      assignee: null,
      score: sql.placeholder('score'),
      accounts: sql.placeholder('accounts'),
      openedAt: sql.placeholder('now'),
      updatedAt: sql.placeholder('now'),
      version: 1,
    })
    .prepare();

/** `case_000123`: a counter in `meta`, so ids stay short and never repeat. */
export function nextCaseId(sqlite: Database.Database): string {
  const row = preparedQuery(sqlite, counterQuery).get();
  // First use on a store that already has cases (imported, older build): continue after the highest.
  const last = row ? Number(row.value) : (dbOf(sqlite).select({ n: count() }).from(cases).get()?.n ?? 0);
  const next = last + 1;
  preparedQuery(sqlite, setCounterQuery).run({ value: String(next) });
  return `case_${String(next).padStart(6, '0')}`;
}

/** The case a merged case ended in, following merges of merges (a chain, never a cycle: a merged case cannot absorb). */
function survivorOf(sqlite: Database.Database, caseId: string): { id: string; status: CaseStatus } {
  const next = sqlite.prepare(`SELECT to_case FROM case_lineage WHERE kind = 'merge' AND from_case = ? ORDER BY id DESC LIMIT 1`).pluck();
  const statusOf = sqlite.prepare(`SELECT status FROM cases WHERE id = ?`).pluck();
  let id = caseId;
  for (let hops = 0; hops < 1000; hops++) {
    const status = statusOf.get(id) as CaseStatus;
    if (status !== 'merged') return { id, status };
    const to = next.get(id) as string | undefined;
    if (!to) return { id, status };
    id = to;
  }
  throw new Error(`merge chain from ${caseId} does not end`);
}

export function ensureCase(sqlite: Database.Database, input: EnsureCaseInput): EnsuredCase {
  const now = input.now ?? Date.now();
  return writeTransaction(sqlite, () => {
    const { subjectKind, subjectId, score, accounts } = input;
    const existing = preparedQuery(sqlite, subjectCaseQuery).get({ subjectKind, subjectId });
    if (existing?.status === 'merged') {
      // The analysts folded this ring's case into another: a new alert on it belongs to the survivor,
      // which keeps its own subject's score.
      const survivor = survivorOf(sqlite, existing.id);
      if (input.members) addCaseAccounts(sqlite, survivor.id, input.members, now);
      return { caseId: survivor.id, created: false, status: survivor.status };
    }
    if (existing) {
      // Undecided cases show the latest score; a decided case keeps the score it was decided on.
      if (existing.status === 'open' || existing.status === 'escalated') {
        preparedQuery(sqlite, rescoreQuery).run({ score, accounts, id: existing.id });
      }
      if (input.members) addCaseAccounts(sqlite, existing.id, input.members, now);
      return { caseId: existing.id, created: false, status: existing.status };
    }
    const caseId = nextCaseId(sqlite);
    preparedQuery(sqlite, insertCaseQuery).run({ id: caseId, subjectKind, subjectId, score, accounts, now });
    if (input.members) addCaseAccounts(sqlite, caseId, input.members, now);
    appendAudit(sqlite, {
      actor: 'detect',
      action: 'case_opened',
      subjectKind,
      subjectId,
      caseId,
      details: { score, accounts },
      at: now,
    });
    return { caseId, created: true, status: 'open' as const };
  });
}
