/**
 * Combines signal strengths into a score in [0, 1]: logistic regression,
 * score = σ(bias + Σ wᵢ·sᵢ), with weights fitted on labelled generated
 * scenarios (`distillwatch fit`) and kept, versioned, in model/weights.*.json.
 * Each reason's weight is its share of the positive evidence times the score,
 * so an account's reasons add up to its score.
 *
 * weights.v1.json: hand-set starting point (kept for comparison).
 * weights.v2.json: fitted, group-balanced (kept for comparison).
 * weights.v3.json: refitted with INTERMITTENT_RUNS, the rotation-based PROBING
 *   and lapsed-verification counterfactuals; ring scoring counts suspicious
 *   members (the default). v3.1: same signal weights; a ring is no longer
 *   discounted for verified members as such (verifiedDiscount 0), only for
 *   being one verified organisation (orgDiscount). v3.2: the same, with the
 *   hand-set SMALL_HARVEST mitigation (small-harvest.ts).
 */
import weightsFile from './model/weights.v3.json';
import type { RingScoring } from '../graph/rings';
import { z } from 'zod';
import { REASON_CODES, type Reason, type ReasonCode } from '../domain/reason-codes';

export interface Model {
  version: string;
  bias: number;
  threshold: number;
  weights: Partial<Record<ReasonCode, number>>;
  ring: RingScoring;
}

export const MODEL: Model = weightsFile as Model;

const modelSchema = z.object({
  version: z.string().min(1),
  bias: z.number(),
  threshold: z.number().gt(0).lt(1),
  weights: z.partialRecord(z.enum(REASON_CODES), z.number()),
  ring: z.object({
    meanOwnLo: z.number(),
    meanOwnHi: z.number(),
    suspectsLo: z.number().optional(),
    suspectsHi: z.number().optional(),
    orgDiscount: z.number(),
    verifiedDiscount: z.number(),
    bias: z.number().optional(),
    weights: z.partialRecord(z.enum(REASON_CODES), z.number()).optional(),
  }),
});

/** A weights file (e.g. from `distillwatch fit`), validated. */
export function parseModel(text: string, name = 'weights'): Model {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${name} is not JSON`);
  }
  const r = modelSchema.safeParse(json);
  if (!r.success) throw new Error(`${name}: ${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`);
  return r.data as Model;
}

export interface Evidence {
  code: ReasonCode;
  strength: number;
  detail: string;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function logit(model: Model, evidence: Evidence[]): number {
  let z = model.bias;
  for (const e of evidence) z += (model.weights[e.code] ?? 0) * e.strength;
  return z;
}

/** The reasons behind a score: positive contributions, largest first, summing to the score. */
export function reasonsFor(model: Model, evidence: Evidence[], score: number): Reason[] {
  const parts = evidence
    .map((e) => ({ e, c: (model.weights[e.code] ?? 0) * e.strength }))
    .filter((p) => p.c > 0.05 && p.e.detail);
  const total = parts.reduce((s, p) => s + p.c, 0);
  return parts
    .sort((a, b) => b.c - a.c)
    .map((p) => ({ code: p.e.code, weight: +((score * p.c) / total).toFixed(3), detail: p.e.detail }));
}
