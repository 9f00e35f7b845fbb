/**
 * Hand-built detection output for case tests: an account with a score row,
 * a ring with its shared identifiers. Only the columns cases read are real.
 */
import type Database from 'better-sqlite3';
import { ensureCase } from '../../lib/cases/ensure-case';

export function seedAccountScore(sqlite: Database.Database, accountId: string, asOf: string, features: object, score = 0.9): void {
  sqlite
    .prepare(`INSERT OR IGNORE INTO accounts (account_id, has_record, updated_at) VALUES (?, 1, 0)`)
    .run(accountId);
  const { id } = sqlite.prepare(`SELECT id FROM accounts WHERE account_id = ?`).get(accountId) as { id: number };
  sqlite
    .prepare(
      `INSERT INTO scores (account, as_of, run, score, own_score, flagged, ring_id, reasons, features, events)
       VALUES (?, ?, 1, ?, ?, 1, NULL, '[]', ?, 100)`,
    )
    .run(id, asOf, score, score, JSON.stringify(features));
}

export function seedRing(sqlite: Database.Database, ringId: string, asOf: string, shared: { kind: string; value: string; accounts: number }[]): void {
  sqlite
    .prepare(`INSERT INTO rings (ring_id, as_of, run, score, size, shared, summary) VALUES (?, ?, 1, 0.95, ?, ?, 'test ring')`)
    .run(ringId, asOf, shared.length, JSON.stringify(shared));
}

/** A ring of `members` (each with a score row) sharing card `pm_<ringId>`, and its open case: the case id. */
export function seedRingCase(sqlite: Database.Database, ringId: string, members: string[], asOf = '2026-11-21'): string {
  seedRing(sqlite, ringId, asOf, [{ kind: 'payment_fp', value: `pm_${ringId}`, accounts: members.length }]);
  for (const m of members) {
    seedAccountScore(sqlite, m, asOf, {});
    sqlite.prepare(`INSERT INTO ring_members (ring_id, as_of, account) SELECT ?, ?, id FROM accounts WHERE account_id = ?`).run(ringId, asOf, m);
  }
  return ensureCase(sqlite, { subjectKind: 'ring', subjectId: ringId, score: 0.95, accounts: members.length }).caseId;
}
