/**
 * What a decision teaches detection. A dismissal puts the subject on the
 * known-good list with the score and features it had, the baseline against
 * which "its behaviour materially changed" is judged later. Confirming a ring
 * puts the identifiers it shares (cards, subnets, fingerprints…) on the
 * known-bad list. A change of mind takes back what the earlier decision taught.
 * A dismissal teaches nothing while a decision above it disagrees.
 */
import type Database from 'better-sqlite3';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { dbOf } from '../../db/client';
import { accounts, cases, knownBad, knownGood, ringMembers, rings, scores } from '../../db/schema';
import type { CaseRow } from './case-row';

function latestAccountFeatures(sqlite: Database.Database, accountId: string): unknown {
  const row = dbOf(sqlite)
    .select({ features: scores.features })
    .from(scores)
    .innerJoin(accounts, eq(accounts.id, scores.account))
    .where(eq(accounts.accountId, accountId))
    .orderBy(desc(scores.asOf))
    .limit(1)
    .get();
  return row ? JSON.parse(row.features) : undefined;
}

/**
 * Whether something above the subject disagrees with dismissing it: for an
 * account, a case on a ring it belongs to that stands confirmed or escalated.
 * Returns that case's id (the dismissal is then recorded, but the account is
 * not listed as known-good: the ring's decision outranks it), or null.
 */
export function knownGoodHeldBy(sqlite: Database.Database, row: CaseRow): string | null {
  if (row.subjectKind !== 'account') return null;
  const held = dbOf(sqlite)
    .select({ id: cases.id })
    .from(accounts)
    .innerJoin(ringMembers, eq(ringMembers.account, accounts.id))
    .innerJoin(cases, and(eq(cases.subjectKind, 'ring'), eq(cases.subjectId, ringMembers.ringId)))
    .where(and(eq(accounts.accountId, row.subjectId), inArray(cases.status, ['confirmed', 'escalated'])))
    .orderBy(asc(cases.id))
    .limit(1)
    .get();
  return held?.id ?? null;
}

export function rememberKnownGood(sqlite: Database.Database, row: CaseRow, now: number): void {
  const features = row.subjectKind === 'account' ? latestAccountFeatures(sqlite, row.subjectId) : undefined;
  const baseline = JSON.stringify({ score: row.score, accounts: row.accounts, ...(features ? { features } : {}) });
  const listed = { caseId: row.id, score: row.score, baseline, at: now };
  dbOf(sqlite)
    .insert(knownGood)
    .values({ subjectKind: row.subjectKind, subjectId: row.subjectId, ...listed })
    .onConflictDoUpdate({ target: [knownGood.subjectKind, knownGood.subjectId], set: listed })
    .run();
}

/** Returns how many identifiers were newly listed. */
export function rememberKnownBad(sqlite: Database.Database, row: CaseRow, now: number): number {
  if (row.subjectKind !== 'ring') return 0;
  const db = dbOf(sqlite);
  const ring = db.select({ shared: rings.shared }).from(rings).where(eq(rings.ringId, row.subjectId)).orderBy(desc(rings.asOf)).limit(1).get();
  if (!ring) return 0;
  const shared = JSON.parse(ring.shared) as { kind: string; value: string }[];
  // The first case to confirm an identifier keeps it: its provenance does not move.
  let added = 0;
  // 4 values a row: well under SQLite's 32,766 bound parameters.
  for (let i = 0; i < shared.length; i += 1000) {
    const values = shared.slice(i, i + 1000).map((s) => ({ kind: s.kind, value: String(s.value), caseId: row.id, at: now }));
    added += db.insert(knownBad).values(values).onConflictDoNothing().run().changes;
  }
  return added;
}

export function forgetKnownGood(sqlite: Database.Database, row: CaseRow): void {
  dbOf(sqlite)
    .delete(knownGood)
    .where(and(eq(knownGood.subjectKind, row.subjectKind), eq(knownGood.subjectId, row.subjectId), eq(knownGood.caseId, row.id)))
    .run();
}

export function forgetKnownBad(sqlite: Database.Database, row: CaseRow): void {
  dbOf(sqlite).delete(knownBad).where(eq(knownBad.caseId, row.id)).run();
}
