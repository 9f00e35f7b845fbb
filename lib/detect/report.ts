/** The detection report (`report --json`), from what `detect` stored for an as-of day. */
import type Database from 'better-sqlite3';
import type { Reason } from '../domain/reason-codes';

export interface ReportAccount {
  account_id: string;
  score: number;
  flagged: boolean;
  ring_id: string | null;
  reasons: Reason[];
}

export interface ReportRing {
  ring_id: string;
  score: number;
  accounts: string[];
  shared: { kind: string; value: string; accounts: number }[];
  /** Optional extension: the sentence saying what members share. */
  summary: string;
  /** Optional extension: the ring judged as one actor — ring-level reasons, largest first. */
  reasons: Reason[];
}

export interface DetectionReport {
  as_of: string;
  generated_at: string;
  threshold: number;
  accounts: ReportAccount[];
  rings: ReportRing[];
}

export function latestAsOf(sqlite: Database.Database): string {
  const row = sqlite.prepare(`SELECT as_of, max(id) FROM detect_runs`).get() as { as_of: string | null };
  if (!row.as_of) throw new Error('no detection has run on this store: run `distillwatch detect` first');
  return row.as_of;
}

export function buildReport(sqlite: Database.Database, asOf = latestAsOf(sqlite)): DetectionReport {
  const run = sqlite
    .prepare(`SELECT generated_at, threshold FROM detect_runs WHERE as_of = ? ORDER BY id DESC LIMIT 1`)
    .get(asOf) as { generated_at: number; threshold: number } | undefined;
  if (!run) throw new Error(`no detection for ${asOf}: run \`distillwatch detect --as-of ${asOf}\``);
  const accounts = (
    sqlite
      .prepare(
        `SELECT a.account_id, s.score, s.flagged, s.ring_id, s.reasons FROM scores s JOIN accounts a ON a.id = s.account
         WHERE s.as_of = ? ORDER BY s.score DESC, a.account_id`,
      )
      .all(asOf) as { account_id: string; score: number; flagged: number; ring_id: string | null; reasons: string }[]
  ).map((r) => ({ account_id: r.account_id, score: r.score, flagged: r.flagged === 1, ring_id: r.ring_id, reasons: JSON.parse(r.reasons) as Reason[] }));
  const members = new Map<string, string[]>();
  for (const r of sqlite
    .prepare(`SELECT m.ring_id, a.account_id FROM ring_members m JOIN accounts a ON a.id = m.account WHERE m.as_of = ? ORDER BY a.account_id`)
    .iterate(asOf) as Iterable<{ ring_id: string; account_id: string }>) {
    const list = members.get(r.ring_id) ?? [];
    list.push(r.account_id);
    members.set(r.ring_id, list);
  }
  const rings = (
    sqlite.prepare(`SELECT ring_id, score, shared, summary, reasons FROM rings WHERE as_of = ? ORDER BY score DESC, size DESC`).all(asOf) as {
      ring_id: string;
      score: number;
      shared: string;
      summary: string;
      reasons: string;
    }[]
  ).map((r) => ({
    ring_id: r.ring_id,
    score: r.score,
    accounts: members.get(r.ring_id) ?? [],
    shared: JSON.parse(r.shared),
    summary: r.summary,
    reasons: JSON.parse(r.reasons) as Reason[],
  }));
  return { as_of: asOf, generated_at: new Date(run.generated_at).toISOString().replace(/\.\d{3}Z$/, 'Z'), threshold: run.threshold, accounts, rings };
}
