/**
 * Fits the logistic weights of the account model on labelled scenarios.
 *
 * Plain batch gradient descent on the group-balanced log loss with an L2
 * penalty, and sign constraints: suspicious signals may only add to a score,
 * mitigating ones (CONVERSATION_DEPTH, VERIFIED_ORGANISATION, SHORT_OUTPUTS,
 * INTERMITTENT_RUNS)
 * may only subtract. The constraints keep the fitted model explainable and
 * stop it from learning a generator's accidents (e.g. "verified means bad").
 */
import { accountEvidence } from './account-evidence';
import type { Label } from './evaluate';
import type { WindowScan } from '../features/account-features';
import type { AccountRow } from '../features/profiles';
import type { ReasonCode } from '../domain/reason-codes';

export const MITIGATING: ReadonlySet<ReasonCode> = new Set([
  'CONVERSATION_DEPTH',
  'VERIFIED_ORGANISATION',
  'SHORT_OUTPUTS',
  'INTERMITTENT_RUNS',
]);

export interface Sample {
  x: number[];
  y: 0 | 1;
  /** Campaign or population: each group carries equal weight within its class. */
  group: string;
}

export interface FitResult {
  bias: number;
  weights: number[];
  loss: number;
}

/**
 * One sample per labelled account active in the window, grouped by campaign
 * or population, plus — for each verified legitimate account — the same
 * account as if its verification had lapsed (group "<population> (unverified)").
 * Verification is the model's strongest mitigating evidence and the least
 * reliable one: it lapses, arrives late, or never comes for a research or
 * education programme account. Without the counterfactual the fit learns that
 * an evaluation team is harmless because it is verified, and flags the first
 * unverified one; with it, behaviour has to carry the decision.
 */
export function labelledSamples(scan: WindowScan, accounts: Map<number, AccountRow>, labels: Map<string, Label>): Sample[] {
  const samples: Sample[] = [];
  for (const f of scan.accounts.values()) {
    const a = accounts.get(f.account);
    const label = a && labels.get(a.accountId);
    if (!a || !label) continue;
    const y = label.label === 'extraction' ? 1 : 0;
    const group = label.campaign ?? label.population ?? label.label;
    samples.push({ x: accountEvidence(f, { profile: a, scan }).map((e) => e.strength), y, group });
    if (y === 0 && a.verified) {
      samples.push({ x: accountEvidence(f, { profile: { ...a, verified: false }, scan }).map((e) => e.strength), y, group: `${group} (unverified)` });
    }
  }
  return samples;
}

export function fitLogistic(samples: Sample[], codes: ReasonCode[], opts: { l2?: number; iterations?: number; rate?: number } = {}): FitResult {
  const l2 = opts.l2 ?? 0.01;
  const iterations = opts.iterations ?? 3000;
  const rate = opts.rate ?? 0.5;
  const d = codes.length;
  // Balance: each class carries half the loss, and within a class each group
  // (campaign, legitimate population) an equal share — so a small campaign's
  // tactics shape the model as much as a 20,000-account network's.
  const groups = new Map<string, { y: number; n: number }>();
  for (const s of samples) {
    const g = groups.get(s.group) ?? { y: s.y, n: 0 };
    g.n++;
    groups.set(s.group, g);
  }
  const groupsOf = (y: number) => [...groups.values()].filter((g) => g.y === y).length;
  const sampleWeight = samples.map((s) => samples.length / (2 * groupsOf(s.y) * groups.get(s.group)!.n));
  let bias = 0;
  const w = new Array<number>(d).fill(0);
  let loss = 0;
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(d).fill(0);
    let gb = 0;
    loss = 0;
    for (let k = 0; k < samples.length; k++) {
      const s = samples[k];
      let z = bias;
      for (let j = 0; j < d; j++) z += w[j] * s.x[j];
      const p = 1 / (1 + Math.exp(-z));
      const cw = sampleWeight[k];
      const err = (p - s.y) * cw;
      gb += err;
      for (let j = 0; j < d; j++) g[j] += err * s.x[j];
      loss -= cw * (s.y === 1 ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12));
    }
    const n = samples.length;
    bias -= (rate * gb) / n;
    for (let j = 0; j < d; j++) {
      w[j] -= rate * (g[j] / n + l2 * w[j]);
      // Project onto the sign constraints.
      if (MITIGATING.has(codes[j])) w[j] = Math.min(0, w[j]);
      else w[j] = Math.max(0, w[j]);
    }
    loss /= n;
  }
  return { bias, weights: w, loss };
}
