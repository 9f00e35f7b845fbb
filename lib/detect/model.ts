/**
 * Combines signal strengths into a score in [0, 1]: logistic regression,
 * score = σ(bias + Σ wᵢ·sᵢ), with weights fitted on labelled generated
 * scenarios (`distillwatch fit`) and kept, versioned, in model/weights.*.json.
 * Each reason's weight is its share of the positive evidence times the score,
 * so an account's reasons add up to its score.
 */
import weightsFile from './model/weights.v1.json';
import type { RingScoring } from '../graph/rings';
import type { Reason, ReasonCode } from './reason-codes';

export interface Model {
  version: string;
  bias: number;
  threshold: number;
  weights: Partial<Record<ReasonCode, number>>;
  ring: RingScoring;
}

export const MODEL: Model = weightsFile as Model;

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
