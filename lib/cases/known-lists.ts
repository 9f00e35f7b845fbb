/**
 * What a decision teaches detection. A dismissal puts the subject on the
 * known-good list with the score and features it had, the baseline against
 * which "its behaviour materially changed" is judged later. Confirming a ring
 * puts the identifiers it shares (cards, subnets, fingerprints…) on the
 * known-bad list. A change of mind takes back what the earlier decision taught.
 * A dismissal teaches nothing while a decision above it disagrees.
 */
import type Database from 'better-sqlite3';
import type { CaseRow } from './case-row';

function latestAccountFeatures(sqlite: Database.Database, accountId: string): unknown {
  const row = sqlite
    .prepare(
      `SELECT s.features FROM scores s JOIN accounts a ON a.id = s.account
       WHERE a.account_id = ? ORDER BY s.as_of DESC LIMIT 1`,
    )
    .get(accountId) as { features: string } | undefined;
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
  const held = sqlite
    .prepare(
      `SELECT c.id FROM accounts a
       JOIN ring_members rm ON rm.account = a.id
       JOIN cases c ON c.subject_kind = 'ring' AND c.subject_id = rm.ring_id
       WHERE a.account_id = ? AND c.status IN ('confirmed', 'escalated')
       ORDER BY c.id LIMIT 1`,
    )
    .pluck()
    .get(row.subjectId) as string | undefined;
  return held ?? null;
}

export function rememberKnownGood(sqlite: Database.Database, row: CaseRow, now: number): void {
  const features = row.subjectKind === 'account' ? latestAccountFeatures(sqlite, row.subjectId) : undefined;
  const baseline = JSON.stringify({ score: row.score, accounts: row.accounts, ...(features ? { features } : {}) });
  sqlite
    .prepare(
      `INSERT INTO known_good (subject_kind, subject_id, case_id, score, baseline, at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(subject_kind, subject_id) DO UPDATE SET case_id = excluded.case_id, score = excluded.score,
         baseline = excluded.baseline, at = excluded.at`,
    )
    .run(row.subjectKind, row.subjectId, row.id, row.score, baseline, now);
}

/** Returns how many identifiers were newly listed. */
export function rememberKnownBad(sqlite: Database.Database, row: CaseRow, now: number): number {
  if (row.subjectKind !== 'ring') return 0;
  const ring = sqlite
    .prepare(`SELECT shared FROM rings WHERE ring_id = ? ORDER BY as_of DESC LIMIT 1`)
    .get(row.subjectId) as { shared: string } | undefined;
  if (!ring) return 0;
  // The first case to confirm an identifier keeps it: its provenance does not move.
  const insert = sqlite.prepare(`INSERT INTO known_bad (kind, value, case_id, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  let added = 0;
  for (const s of JSON.parse(ring.shared) as { kind: string; value: string }[]) {
    added += insert.run(s.kind, String(s.value), row.id, now).changes;
  }
  return added;
}

export function forgetKnownGood(sqlite: Database.Database, row: CaseRow): void {
  sqlite.prepare(`DELETE FROM known_good WHERE subject_kind = ? AND subject_id = ? AND case_id = ?`).run(row.subjectKind, row.subjectId, row.id);
}

export function forgetKnownBad(sqlite: Database.Database, row: CaseRow): void {
  sqlite.prepare(`DELETE FROM known_bad WHERE case_id = ?`).run(row.id);
}
