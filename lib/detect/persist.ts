/**
 * Writes one detection run to the store: scores (the history per as-of day),
 * rings and their members, the accounts' identifiers and the daily rollups
 * the dashboard reads. A rerun for the same as-of day replaces that day.
 */
import type Database from 'better-sqlite3';
import type { Identifier } from '../graph/identifiers';
import type { Ring } from '../graph/rings';
import { featureSummary } from './evidence-summary';
import type { WindowScan } from '../features/account-features';
import type { AccountScore } from './score-accounts';
import { dayOf, DAY_MS } from '../features/window';

export function persistScores(sqlite: Database.Database, run: number, asOf: string, scores: Map<number, AccountScore>, idle: number[]): void {
  sqlite.prepare(`DELETE FROM scores WHERE as_of = ?`).run(asOf);
  const insert = sqlite.prepare(
    `INSERT INTO scores (account, as_of, run, score, own_score, flagged, ring_id, reasons, features, events)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const s of scores.values()) {
    insert.run(
      s.account, asOf, run, s.score, Math.round(s.own * 10000) / 10000, s.flagged ? 1 : 0, s.ringId,
      JSON.stringify(s.reasons), JSON.stringify(featureSummary(s.features, s.evidence)), s.features.n,
    );
  }
  // Accounts with events only before the window: scored 0, so the report lists every account.
  for (const account of idle) insert.run(account, asOf, run, 0, 0, 0, null, '[]', '{"events":0}', 0);
}

export function persistRings(sqlite: Database.Database, run: number, asOf: string, rings: Ring[]): void {
  sqlite.prepare(`DELETE FROM rings WHERE as_of = ?`).run(asOf);
  sqlite.prepare(`DELETE FROM ring_members WHERE as_of = ?`).run(asOf);
  const ring = sqlite.prepare(
    `INSERT INTO rings (ring_id, as_of, run, score, size, shared, summary, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const member = sqlite.prepare(`INSERT INTO ring_members (ring_id, as_of, account) VALUES (?, ?, ?)`);
  for (const r of rings) {
    ring.run(r.ringId, asOf, run, Math.round(r.score * 10000) / 10000, r.members.length, JSON.stringify(r.shared), r.summary, JSON.stringify(r.reasons));
    for (const m of r.members) member.run(r.ringId, asOf, m);
  }
}

export function persistIdentifiers(sqlite: Database.Database, byAccount: Map<number, Identifier[]>, scan: WindowScan): void {
  sqlite.prepare(`DELETE FROM account_identifiers`).run();
  const insert = sqlite.prepare(`INSERT OR IGNORE INTO account_identifiers (account, kind, value, events) VALUES (?, ?, ?, ?)`);
  for (const [account, ids] of byAccount) {
    const n = scan.accounts.get(account)?.n ?? 0;
    for (const id of ids) insert.run(account, id.kind, id.value, n);
  }
}

export function persistAccountDays(sqlite: Database.Database, scan: WindowScan): void {
  const { window } = scan;
  sqlite.prepare(`DELETE FROM account_days WHERE day >= ? AND day <= ?`).run(dayOf(window.start), window.asOf);
  const insert = sqlite.prepare(
    `INSERT INTO account_days (account, day, events, input_tokens, output_tokens, hours) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  for (const f of scan.accounts.values()) {
    for (let d = 0; d < window.days; d++) {
      if (f.days[d] === 0) continue;
      const hours = Array.from(f.hourly.subarray(d * 24, d * 24 + 24));
      insert.run(f.account, dayOf(window.start + d * DAY_MS), f.days[d], f.dayInput[d], f.dayOutput[d], JSON.stringify(hours));
    }
  }
}
