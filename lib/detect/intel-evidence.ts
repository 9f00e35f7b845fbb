/**
 * Partner intelligence as detection evidence: an account that matched an
 * indicator a partner lab shared (lib/intel, `intel import`) carries an
 * INTEL_MATCH piece of evidence into its own score, with strength = the
 * indicator's confidence (0–1) and a detail naming the partner and the
 * indicator (a strong one first: an autonomous system only corroborates). Its weight is hand-set in model/weights.*.json ("INTEL_MATCH"),
 * not fitted: generated scenarios hold no partner intel. Expired and revoked
 * indicators were never matched or no longer count (valid_until).
 */
import type Database from 'better-sqlite3';
import { logit, sigmoid, type Evidence, type Model } from './model';
import type { AccountScore } from './score-accounts';

const DEFAULT_CONFIDENCE = 50;

export function intelEvidence(sqlite: Database.Database, accounts: Iterable<number>, now = Date.now()): Map<number, Evidence> {
  const wanted = new Set(accounts);
  const out = new Map<number, Evidence>();
  const nowIso = new Date(now).toISOString();
  const rows = sqlite
    .prepare(
      `SELECT m.account, i.producer, i.name, i.kind, i.hashed, i.confidence
       FROM intel_matches m JOIN intel_indicators i ON i.id = m.indicator_id AND i.bundle_id = m.bundle_id
       WHERE i.valid_until IS NULL OR i.valid_until > ?
       ORDER BY m.account, i.kind IN ('asn', 'user_agent', 'tls_fp'), coalesce(i.confidence, ${DEFAULT_CONFIDENCE}) DESC, i.id`,
    )
    .all(nowIso) as { account: number; producer: string; name: string | null; kind: string; hashed: number; confidence: number | null }[];
  const extra = new Map<number, number>();
  for (const r of rows) {
    if (!wanted.has(r.account)) continue;
    if (out.has(r.account)) {
      extra.set(r.account, (extra.get(r.account) ?? 0) + 1);
      continue;
    }
    const what = r.name ?? `${r.kind.replace('_', ' ')}${r.hashed ? ' (keyed hash)' : ''}`;
    out.set(r.account, {
      code: 'INTEL_MATCH',
      strength: Math.min(1, Math.max(0, (r.confidence ?? DEFAULT_CONFIDENCE) / 100)),
      detail: `matches indicator "${what}" shared by ${r.producer}`,
    });
  }
  for (const [account, n] of extra) {
    const e = out.get(account)!;
    e.detail += ` and ${n} more indicator${n === 1 ? '' : 's'}`;
  }
  return out;
}

/** Adds partner evidence to the accounts' own scores (before rings raise them). */
export function applyIntelEvidence(sqlite: Database.Database, scores: Map<number, AccountScore>, model: Model): void {
  for (const [account, evidence] of intelEvidence(sqlite, scores.keys())) {
    const s = scores.get(account)!;
    s.evidence = [...s.evidence, evidence];
    s.own = s.score = sigmoid(logit(model, s.evidence));
  }
}
