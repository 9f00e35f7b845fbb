/**
 * The as-of day's alerts: newly flagged rings and accounts, score jumps and
 * ring growth, each attached to the one case of its subject (ensureCase
 * never duplicates or reopens a case). An account in a flagged ring is
 * covered by the ring's case rather than a case of its own, so that a
 * 900-account network is one line of the queue, not 900. A dismissed
 * subject (known-good) stays quiet unless its score rose materially above the
 * score it was dismissed at.
 */
import { fillAlertPriority } from './alert-priority';
import type Database from 'better-sqlite3';
import { ensureCase } from '../cases/ensure-case';
import type { AlertKind, SubjectKind } from '../domain';
import type { Ring } from '../graph/rings';
import type { Model } from './model';
import type { AccountRow } from '../features/profiles';
import type { Reason } from '../domain/reason-codes';
import type { AccountScore } from './score-accounts';

/** A rise this large in a day is an alert even below the threshold… */
const JUMP = 0.3;
/** …if the new score is at least this. */
const JUMP_FLOOR = 0.6;
/** A dismissed subject speaks again when its score exceeds its dismissal score by this much. */
const MATERIAL_CHANGE = 0.2;
const RING_GROWTH = 0.1;

interface Previous {
  scores: Map<number, { score: number; flagged: boolean }>;
  ringSizes: Map<string, number>;
}

export function previousRun(sqlite: Database.Database, asOf: string): Previous {
  const prev = sqlite.prepare(`SELECT max(as_of) AS d FROM scores WHERE as_of < ?`).get(asOf) as { d: string | null };
  const scores = new Map<number, { score: number; flagged: boolean }>();
  const ringSizes = new Map<string, number>();
  if (prev.d) {
    for (const r of sqlite.prepare(`SELECT account, score, flagged FROM scores WHERE as_of = ?`).iterate(prev.d) as Iterable<{ account: number; score: number; flagged: number }>) {
      scores.set(r.account, { score: r.score, flagged: r.flagged === 1 });
    }
    for (const r of sqlite.prepare(`SELECT ring_id, size FROM rings WHERE as_of = ?`).iterate(prev.d) as Iterable<{ ring_id: string; size: number }>) {
      ringSizes.set(r.ring_id, r.size);
    }
  }
  return { scores, ringSizes };
}

interface AlertDraft {
  kind: AlertKind;
  subjectKind: SubjectKind;
  subjectId: string;
  score: number;
  reasons: Reason[];
  ringId: string | null;
  plan: string | null;
  accounts: number;
  /** Store keys of the subject's accounts (copied into its case). */
  members: readonly number[];
}

/**
 * Reasons of a ring: what members share, the ring-level reasons (the ring
 * judged as one actor), then the reasons its members show, by how many.
 */
function ringReasons(ring: Ring, scores: Map<number, AccountScore>): Reason[] {
  const byCode = new Map<string, { n: number; weight: number; detail: string }>();
  for (const m of ring.members) {
    for (const r of scores.get(m)?.reasons ?? []) {
      if (r.code === 'RING_MEMBER') continue;
      const e = byCode.get(r.code) ?? { n: 0, weight: 0, detail: r.detail };
      e.n++;
      e.weight += r.weight;
      byCode.set(r.code, e);
    }
  }
  const members = ring.members.length;
  const shared: Reason = { code: 'RING_MEMBER', weight: +ring.score.toFixed(3), detail: ring.summary };
  const top = [...byCode.entries()]
    .sort((a, b) => b[1].weight - a[1].weight)
    .slice(0, 4)
    .map(([code, e]) => ({
      code: code as Reason['code'],
      weight: +(e.weight / members).toFixed(3),
      detail: `${Math.round((e.n / members) * 100)}% of members — e.g. ${e.detail}`,
    }));
  // The ring judged as one actor first: what it did together, then what its members show.
  return [shared, ...ring.reasons.slice(0, 6), ...top];
}

function mostCommon(values: (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

function drafts(scores: Map<number, AccountScore>, rings: Ring[], accounts: Map<number, AccountRow>, model: Model, prev: Previous): AlertDraft[] {
  const out: AlertDraft[] = [];
  const flaggedRings = rings.filter((r) => r.score >= model.threshold);
  const covered = new Set<number>();
  for (const ring of flaggedRings) {
    ring.members.forEach((m) => covered.add(m));
    const base = {
      subjectKind: 'ring' as const,
      subjectId: ring.ringId,
      score: +ring.score.toFixed(4),
      reasons: ringReasons(ring, scores),
      ringId: ring.ringId,
      plan: mostCommon(ring.members.map((m) => accounts.get(m)?.plan ?? null)),
      accounts: ring.members.length,
      members: ring.members,
    };
    const before = prev.ringSizes.get(ring.ringId);
    out.push({ ...base, kind: 'new_flag' });
    if (before !== undefined && ring.members.length >= before * (1 + RING_GROWTH) && ring.members.length - before >= 2) {
      out.push({ ...base, kind: 'ring_growth' });
    }
  }
  for (const s of scores.values()) {
    if (covered.has(s.account)) continue;
    const before = prev.scores.get(s.account);
    const base = {
      subjectKind: 'account' as const,
      subjectId: accounts.get(s.account)!.accountId,
      score: s.score,
      reasons: s.reasons,
      ringId: s.ringId,
      plan: accounts.get(s.account)?.plan ?? null,
      accounts: 1,
      members: [s.account],
    };
    if (s.flagged) out.push({ ...base, kind: 'new_flag' });
    else if (before && s.score >= JUMP_FLOOR && s.score - before.score >= JUMP) out.push({ ...base, kind: 'score_jump' });
  }
  return out;
}

function knownGood(sqlite: Database.Database): Map<string, number> {
  const rows = sqlite.prepare(`SELECT subject_kind, subject_id, score FROM known_good`).all() as { subject_kind: string; subject_id: string; score: number }[];
  return new Map(rows.map((r) => [`${r.subject_kind}:${r.subject_id}`, r.score]));
}

/** Raise and store the day's alerts; returns how many were new. */
export function raiseAlerts(
  sqlite: Database.Database,
  asOf: string,
  scores: Map<number, AccountScore>,
  rings: Ring[],
  accounts: Map<number, AccountRow>,
  model: Model,
  now = Date.now(),
): number {
  const prev = previousRun(sqlite, asOf);
  const quiet = knownGood(sqlite);
  const insert = sqlite.prepare(
    `INSERT OR IGNORE INTO alerts (day, kind, subject_kind, subject_id, case_id, score, reasons, top_reason, ring_id, plan, accounts, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let raised = 0;
  for (const d of drafts(scores, rings, accounts, model, prev)) {
    const dismissedAt = quiet.get(`${d.subjectKind}:${d.subjectId}`);
    let kind = d.kind;
    if (dismissedAt !== undefined) {
      if (d.score < dismissedAt + MATERIAL_CHANGE) continue;
      kind = 'behaviour_change';
    }
    const c = ensureCase(sqlite, { subjectKind: d.subjectKind, subjectId: d.subjectId, score: d.score, accounts: d.accounts, members: d.members, now });
    const r = insert.run(
      asOf, kind, d.subjectKind, d.subjectId, c.caseId, d.score, JSON.stringify(d.reasons), d.reasons[0]?.code ?? null,
      d.ringId, d.plan, d.accounts, now,
    );
    raised += r.changes;
  }
  // The queue's tie-break behind a tied score (lib/detect/alert-priority.ts), for every alert of the day.
  fillAlertPriority(sqlite, asOf);
  return raised;
}
