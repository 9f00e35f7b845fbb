/**
 * Judges each ring as one actor. A ring's score comes from its collective
 * behaviour — what it harvested in total, how it is supplied and set up —
 * and its members' own behaviour, weighed against the structure of
 * legitimate crowds (verified organisations, a class that converses or sits on its campus):
 *
 *   score = σ(ring bias + Σ wᵢ·sᵢ)   over the ring signals (ring-signals/)
 *
 * with reasons in the same form as an account's: each positive contribution's
 * share of the score, largest first, with a sentence of detail. A network
 * whose accounts each look mild is judged by what they did together.
 */
import type { Reason, ReasonCode } from '../domain/reason-codes';
import type { AccountFeatures } from '../features/account-features';
import type { AccountRow } from '../features/profiles';
import type { Ring } from '../graph/rings';
import { reasonsFor, sigmoid, type Evidence, type Model } from './model';
import { collectiveOf, type RingCollective } from './ring-signals/collective';
import { ringSignals } from './ring-signals';

export interface RingJudgement {
  score: number;
  /** The score without the members' own behaviour (RING_SUSPICIOUS_MEMBERS): what the ring did together. */
  collectiveScore: number;
  evidence: Evidence[];
  reasons: Reason[];
}

export interface RingContext {
  features: (m: number) => AccountFeatures | undefined;
  account: (m: number) => AccountRow | undefined;
  own: (m: number) => number;
  organisation: (m: number) => string | null;
  /** The member's paraphrased-skeleton family, if any. */
  skeleton?: (m: number) => string | null;
}

export function ringEvidence(c: RingCollective, model: Model): Evidence[] {
  return ringSignals(model.ring).map((s) => {
    const out = s.evaluate(c);
    return { code: s.code, strength: out.strength, detail: out.detail };
  });
}

export function judgeRing(members: readonly number[], ctx: RingContext, model: Model): RingJudgement {
  const evidence = ringEvidence(collectiveOf({ members, ...ctx }), model);
  const rm = ringModel(model);
  const z = ringLogit(rm, evidence);
  const score = sigmoid(z);
  const own = evidence.find((e) => e.code === 'RING_SUSPICIOUS_MEMBERS');
  const collectiveScore = sigmoid(z - (rm.weights.RING_SUSPICIOUS_MEMBERS ?? 0) * (own?.strength ?? 0));
  return { score, collectiveScore, evidence, reasons: reasonsFor(rm, evidence, score) };
}

/** Judge every ring in place: its score and reasons. */
export function judgeRings(rings: Ring[], ctx: RingContext, model: Model): void {
  for (const ring of rings) {
    const j = judgeRing(ring.members, ctx, model);
    ring.score = j.score;
    ring.collectiveScore = j.collectiveScore;
    ring.reasons = j.reasons;
  }
}

/** The ring weights in the form of an account model, so reasons are computed the same way. */
function ringModel(model: Model): Model {
  return { ...model, bias: model.ring.bias ?? DEFAULT_RING.bias, weights: model.ring.weights ?? DEFAULT_RING.weights };
}

function ringLogit(rm: Model, evidence: Evidence[]): number {
  let z = rm.bias;
  for (const e of evidence) z += (rm.weights[e.code] ?? 0) * e.strength;
  return z;
}

/**
 * Hand-set, not fitted (see README, "How a ring is judged"): a ring whose
 * members are suspicious on their own is flagged (σ(−4 + 5.5) = 0.82); one
 * whose members look mild needs what it did together — harvest, and how it
 * is supplied and set up — to carry it; verified organisations keeping to
 * themselves, a crowd that converses and a class on its campus weigh
 * against.
 */
export const DEFAULT_RING: { bias: number; weights: Partial<Record<ReasonCode, number>> } = {
  bias: -4,
  weights: {
    RING_SUSPICIOUS_MEMBERS: 5.5,
    RING_HARVEST: 3,
    RING_SINGLE_TURN_LONGFORM: 1.5,
    RING_CAPABILITY_COVERAGE: 1,
    RING_SHARED_SKELETON: 1.5,
    RING_SIGNUP_WAVES: 1,
    RING_CARD_POOL: 1.5,
    RING_HOSTING_EXITS: 1.5,
    RING_CONVERSATIONAL: -4,
    RING_ONE_ORGANISATION: -6,
    RING_CAMPUS: -8,
    RING_FRONT_ORGANISATIONS: 1.5,
  },
};
