/**
 * The response side of an exchange: how long answers are, whether they hit
 * the cap, call a tool or refuse, and how much visible reasoning they hold.
 * Each population has its own profile; extraction pushes answers to the cap.
 */
import { Rng } from './random';
import type { EventRecord } from './records';

export interface ResponseProfile {
  /** Median answer length in tokens, and the log-normal spread around it. */
  median: number;
  sigma: number;
  /** max_tokens values the client sends; undefined entries mean "not sent". */
  maxTokens: readonly (number | undefined)[];
  /** Share of answers cut off at the cap, on top of those that naturally reach it. */
  lengthShare: number;
  toolShare: number;
  refusalShare: number;
  reasoningShare: number;
  /** Visible reasoning as a fraction of the answer, when present. */
  reasoningFraction: readonly [number, number];
}

export function profile(p: Partial<ResponseProfile> & { median: number }): ResponseProfile {
  return {
    sigma: 0.7,
    maxTokens: [undefined],
    lengthShare: 0.01,
    toolShare: 0,
    refusalShare: 0.004,
    reasoningShare: 0,
    reasoningFraction: [0.3, 0.6],
    ...p,
  };
}

const DEFAULT_CAP = 4096;

export function respond(ev: EventRecord, rng: Rng, p: ResponseProfile, median = p.median): void {
  const max = rng.pick(p.maxTokens);
  const cap = max ?? DEFAULT_CAP;
  ev.max_tokens = max;
  const x = rng.next();
  let out: number;
  if (x < p.toolShare) {
    ev.finish_reason = 'tool_use';
    out = Math.min(cap, Math.max(12, Math.round(rng.lognormal(median * 0.35, 0.6))));
  } else if (x < p.toolShare + p.refusalShare) {
    ev.finish_reason = 'refusal';
    out = rng.intIn(15, 80);
  } else {
    out = Math.max(1, Math.round(rng.lognormal(median, p.sigma)));
    if (out >= cap || rng.chance(p.lengthShare)) {
      out = cap;
      ev.finish_reason = 'length';
    } else {
      ev.finish_reason = 'stop';
    }
  }
  ev.output_tokens = out;
  if (p.reasoningShare > 0 && rng.chance(p.reasoningShare)) {
    ev.reasoning_tokens = Math.round(out * rng.range(p.reasoningFraction[0], p.reasoningFraction[1]));
  }
}

/** Ordinary chat answers: a few hundred tokens, rarely cut off. */
export const CHAT = profile({ median: 260, sigma: 0.75, maxTokens: [undefined, undefined, 1024, 2048, 4096] });
