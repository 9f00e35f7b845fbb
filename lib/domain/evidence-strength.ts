/**
 * Which kept exchanges show the reasons an account was scored for, and in
 * what order the evidence sample presents them: first the strongest example
 * of each reason (largest reason first), then every other exchange that
 * carries a reason, then the rest — so the sample leads with what the score
 * rests on, not with whatever the account sent first.
 *
 * What an exchange can show, from its stored facts:
 * - COT_ELICITATION, PROBING: the prompt asks for step-by-step reasoning, a
 *   replay of it, or tags around it (intent lent only by a framework's shared
 *   system prompt does not count, as in detection);
 * - GRADING_AND_REWRITES: rubric grading or a "safe" rewrite;
 * - OUTPUT_AT_CAP: the answer was cut by max_tokens (finish reason `length`);
 * - REASONING_HARVEST: most of the answer's tokens were visible reasoning;
 * - SINGLE_TURN, RING_SINGLE_TURN_LONGFORM, RING_HARVEST, TEMPLATE_CONCENTRATION:
 *   a first turn drawing a long answer (≥ 800 tokens).
 * Among examples of one reason the longer answer is the stronger example.
 */
import { PromptFlag, type PromptFlagName } from './index';
import type { Reason, ReasonCode } from './reason-codes';

export const LONG_ANSWER_TOKENS = 800;

export interface ExchangeFacts {
  flags: PromptFlagName[];
  finishReason: string | null;
  outputTokens: number | null;
  reasoningTokens: number | null;
  turn: number | null;
  ts: number;
}

const COT_FLAGS: PromptFlagName[] = ['COT', 'REASONING_REPLAY', 'REASONING_TAGS'];

/** The reasons (of those given) this exchange is an example of. */
export function reasonsCarried(x: ExchangeFacts, codes: readonly ReasonCode[]): ReasonCode[] {
  const has = (f: PromptFlagName) => x.flags.includes(f);
  const cot = COT_FLAGS.some(has) && !has('INTENT_FROM_SYSTEM');
  const long = (x.outputTokens ?? 0) >= LONG_ANSWER_TOKENS;
  const firstTurn = x.turn === null || x.turn <= 1;
  const harvest = (x.reasoningTokens ?? 0) > 0 && (x.reasoningTokens ?? 0) >= 0.5 * (x.outputTokens ?? 0);
  const shows: Partial<Record<ReasonCode, boolean>> = {
    COT_ELICITATION: cot,
    PROBING: cot,
    GRADING_AND_REWRITES: has('RUBRIC') || has('SAFE_REWRITE'),
    OUTPUT_AT_CAP: x.finishReason === 'length',
    REASONING_HARVEST: harvest,
    SINGLE_TURN: firstTurn && long,
    RING_SINGLE_TURN_LONGFORM: firstTurn && long,
    RING_HARVEST: long,
    TEMPLATE_CONCENTRATION: long,
  };
  return codes.filter((c) => shows[c] === true);
}

export interface Ranked<T> {
  item: T;
  carries: ReasonCode[];
  /** The reason this exchange is the strongest example of, if it leads for one. */
  exampleOf: ReasonCode | null;
}

/** Orders exchanges to lead with the reasons' strongest examples (see the file's comment). Only positive reasons are looked for. */
export function rankEvidence<T extends ExchangeFacts>(items: readonly T[], reasons: readonly Reason[]): Ranked<T>[] {
  const codes = [...reasons].filter((r) => r.weight > 0).sort((a, b) => b.weight - a.weight).map((r) => r.code);
  const weight = new Map(reasons.map((r) => [r.code, r.weight]));
  const ranked = items.map((item) => ({ item, carries: reasonsCarried(item, codes), exampleOf: null as ReasonCode | null }));
  const stronger = (a: Ranked<T>, b: Ranked<T>) =>
    (b.item.outputTokens ?? 0) - (a.item.outputTokens ?? 0) || b.item.ts - a.item.ts;
  const lead: Ranked<T>[] = [];
  for (const code of codes) {
    const best = ranked.filter((r) => r.exampleOf === null && r.carries.includes(code)).sort(stronger)[0];
    if (best) {
      best.exampleOf = code;
      lead.push(best);
    }
  }
  const carried = (r: Ranked<T>) => r.carries.reduce((s, c) => s + (weight.get(c) ?? 0), 0);
  const rest = ranked.filter((r) => r.exampleOf === null).sort((a, b) => carried(b) - carried(a) || stronger(a, b));
  return [...lead, ...rest];
}

/** The flag bits as names (kept here so ranking needs only the domain). */
export function flagsOf(bits: number): PromptFlagName[] {
  return (Object.keys(PromptFlag) as PromptFlagName[]).filter((n) => (bits & PromptFlag[n]) !== 0);
}
