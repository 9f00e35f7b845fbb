/**
 * Generalisation, measured: leave one family out. For each family of the
 * labelled scenario — an extraction campaign family or a legitimate crowd —
 * fit the account model without it, apply it to the whole window (rings
 * judged as one actor included) and measure on the family it never saw:
 *
 * - an extraction family: recall at the threshold, recall at a 0.5%
 *   false-positive rate, and the share of its accounts inside at most three
 *   flagged rings of purity ≥ 0.95;
 * - a legitimate crowd: the share of its accounts flagged.
 *
 * Legitimate accounts are split in two by a hash of their id: one half is
 * fitted on, the other is where false-positive rates are measured, so no
 * fold is judged on accounts it learned from. The ring judgement's weights
 * are hand-set (judge-rings.ts): no fold fits them, so every fold checks
 * them on data they were not chosen on only insofar as the family is new.
 * Worst cases are reported, never the mean.
 */
import { createHash } from 'node:crypto';
import type { ReasonCode } from '../domain/reason-codes';
import { accountEvidence } from './account-evidence';
import { judge, type PreparedWindow } from './detect';
import { familyOf, recallAtFpr, type Label } from './evaluate';
import { fitLogistic, type Sample } from './fit';
import type { Model } from './model';
import { SIGNALS } from './signals';

export interface FoldResult {
  family: string;
  kind: 'extraction' | 'legitimate';
  accounts: number;
  /** Extraction: share flagged at the threshold. */
  recall?: number;
  /** Extraction: recall at a 0.5% false-positive rate on the held-back legitimate half. */
  recall_at_0_5pct_fpr?: number;
  /** Extraction: share of its accounts in at most three flagged rings of purity ≥ 0.95. */
  in_top3_flagged_rings?: number;
  /** Legitimate: share of the crowd flagged. */
  flagged_share?: number;
  /** False-positive rate at the threshold on the held-back legitimate half (other families). */
  false_positive_rate: number;
}

export interface Generalisation {
  folds: FoldResult[];
  worst: {
    recall: { family: string; value: number } | null;
    recall_at_0_5pct_fpr: { family: string; value: number } | null;
    in_top3_flagged_rings: { family: string; value: number } | null;
    flagged_share: { family: string; value: number } | null;
    false_positive_rate: { family: string; value: number } | null;
  };
}

const PURE = 0.95;
const r4 = (x: number) => Math.round(x * 10000) / 10000;

/** Which half of the legitimate accounts a fold may fit on: a stable hash of the id. */
export function fitHalf(accountId: string): boolean {
  return createHash('sha256').update(accountId).digest()[0] < 128;
}

interface Labelled {
  account: number;
  accountId: string;
  label: Label;
  family: string;
  x: number[];
  /** The same account as if its verification had lapsed (verified legitimate ones only; see fit.ts). */
  unverifiedX?: number[];
}

function labelledAccounts(prepared: PreparedWindow, labels: Map<string, Label>): Labelled[] {
  const out: Labelled[] = [];
  for (const f of prepared.scan.accounts.values()) {
    const a = prepared.accounts.get(f.account);
    const label = a && labels.get(a.accountId);
    if (!a || !label) continue;
    const x = accountEvidence(f, { profile: a, scan: prepared.scan }).map((e) => e.strength);
    const unverifiedX =
      label.label === 'legitimate' && a.verified
        ? accountEvidence(f, { profile: { ...a, verified: false }, scan: prepared.scan }).map((e) => e.strength)
        : undefined;
    out.push({ account: f.account, accountId: a.accountId, label, family: familyOf(label), x, unverifiedX });
  }
  return out;
}

function trainingSamples(all: Labelled[], heldOut: string): Sample[] {
  const samples: Sample[] = [];
  for (const l of all) {
    if (l.family === heldOut) continue;
    const legit = l.label.label === 'legitimate';
    if (legit && !fitHalf(l.accountId)) continue;
    samples.push({ x: l.x, y: legit ? 0 : 1, group: l.family });
    if (l.unverifiedX) samples.push({ x: l.unverifiedX, y: 0, group: `${l.family} (unverified)` });
  }
  return samples;
}

export function leaveOneFamilyOut(
  prepared: PreparedWindow,
  labels: Map<string, Label>,
  base: Model,
  opts: { iterations?: number; onFold?: (family: string, i: number, n: number) => void } = {},
): Generalisation {
  const all = labelledAccounts(prepared, labels);
  const families = [...new Set(all.map((l) => l.family))].sort();
  const codes = SIGNALS.map((s) => s.code) as ReasonCode[];
  const folds: FoldResult[] = [];
  families.forEach((family, i) => {
    opts.onFold?.(family, i, families.length);
    const fit = fitLogistic(trainingSamples(all, family), codes, { iterations: opts.iterations });
    const model: Model = { ...base, bias: fit.bias, weights: { ...base.weights, ...Object.fromEntries(codes.map((c, k) => [c, fit.weights[k]])) } };
    folds.push(measureFold(prepared, all, family, model));
  });
  return { folds, worst: worstOf(folds) };
}

function measureFold(prepared: PreparedWindow, all: Labelled[], family: string, model: Model): FoldResult {
  const { scores, rings } = judge(prepared, model);
  const scoreOf = (l: Labelled) => scores.get(l.account)?.score ?? 0;
  const flagged = (l: Labelled) => scores.get(l.account)?.flagged ?? false;
  const members = all.filter((l) => l.family === family);
  // False positives are measured on the legitimate half no fold fitted on, outside the held-out family.
  const testLegit = all.filter((l) => l.label.label === 'legitimate' && l.family !== family && !fitHalf(l.accountId));
  const fpr = testLegit.length ? testLegit.filter(flagged).length / testLegit.length : 0;
  const kind = members[0].label.label;
  if (kind === 'legitimate') {
    return { family, kind, accounts: members.length, flagged_share: r4(members.filter(flagged).length / members.length), false_positive_rate: r4(fpr) };
  }
  const items = [...members, ...testLegit].map((l) => ({ score: scoreOf(l), label: l.label }));
  const labelOf = new Map(all.map((l) => [l.account, l.label.label]));
  const inRings = new Map<string, number>();
  for (const ring of rings) {
    if (ring.score < model.threshold) continue;
    const bad = ring.members.filter((m) => labelOf.get(m) === 'extraction').length;
    if (bad / ring.members.length < PURE) continue;
    const mine = new Set(members.map((l) => l.account));
    const n = ring.members.filter((m) => mine.has(m)).length;
    if (n > 0) inRings.set(ring.ringId, n);
  }
  const top3 = [...inRings.values()].sort((a, b) => b - a).slice(0, 3).reduce((s, n) => s + n, 0);
  return {
    family,
    kind,
    accounts: members.length,
    recall: r4(members.filter(flagged).length / members.length),
    recall_at_0_5pct_fpr: r4(recallAtFpr(items).recall),
    in_top3_flagged_rings: r4(top3 / members.length),
    false_positive_rate: r4(fpr),
  };
}

function worstOf(folds: FoldResult[]): Generalisation['worst'] {
  const pick = (key: keyof FoldResult, kind: 'extraction' | 'legitimate', worse: (a: number, b: number) => boolean) => {
    let best: { family: string; value: number } | null = null;
    for (const f of folds) {
      const v = f[key];
      if (f.kind !== kind || typeof v !== 'number') continue;
      if (!best || worse(v, best.value)) best = { family: f.family, value: v };
    }
    return best;
  };
  const lower = (a: number, b: number) => a < b;
  const higher = (a: number, b: number) => a > b;
  return {
    recall: pick('recall', 'extraction', lower),
    recall_at_0_5pct_fpr: pick('recall_at_0_5pct_fpr', 'extraction', lower),
    in_top3_flagged_rings: pick('in_top3_flagged_rings', 'extraction', lower),
    flagged_share: pick('flagged_share', 'legitimate', higher),
    false_positive_rate: (() => {
      let best: { family: string; value: number } | null = null;
      for (const f of folds) if (!best || f.false_positive_rate > best.value) best = { family: f.family, value: f.false_positive_rate };
      return best;
    })(),
  };
}
