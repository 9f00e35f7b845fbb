/**
 * A ring-level signal: reads a ring's collective behaviour and says how
 * strongly (0–1) it shows one pattern of a network harvesting as one actor —
 * or, for mitigating signals (negative weights), of a legitimate crowd — in
 * a sentence an analyst can read. Same form as an account's signals.
 */
import type { ReasonCode } from '../../domain/reason-codes';
import { ramp } from '../../features/account-features';
import type { RingCollective } from './collective';

export interface RingSignalOutput {
  strength: number;
  detail: string;
}

export interface RingSignal {
  code: ReasonCode;
  evaluate(c: RingCollective): RingSignalOutput;
}

export const none: RingSignalOutput = { strength: 0, detail: '' };
export const pct = (x: number) => `${Math.round(x * 100)}%`;
export const num = (x: number) => Math.round(x).toLocaleString('en-US');

/**
 * How much a collective pattern counts for a ring of this many active
 * members: nothing for a pair (two colleagues are not a network; their own
 * scores judge them), fully from a dozen.
 */
export function networkSize(c: RingCollective): number {
  return Math.max(0, Math.min(1, (c.members - 2) / 10));
}

/** Long answers per active member over the window. */
export const longPerMember = (c: RingCollective) => (c.members > 0 ? c.longAnswers / c.members : 0);

/**
 * How far the ring's members draw long answers beyond what people read: a
 * student, a carrier's customer or a class member takes a few a week; a
 * harvesting account hundreds a month. 0 up to HUMAN_LONG a member, 1 from
 * MACHINE_LONG.
 */
/**
 * How far the ring's follow-ups are harvest nudges ("one more, harder", "and
 * another like it"): nearly every one draws another long answer. A class's
 * follow-ups draw one in ten, a course's one in two. Counts once follow-ups
 * are a real share of the ring's exchanges (from 5%, in full from 15%).
 */
export function nudgedHarvest(c: RingCollective): number {
  if (c.followUps === 0) return 0;
  const longFollowUps = Math.max(0, c.longAnswers - c.singleLong) / c.followUps;
  return ramp(longFollowUps, 0.6, 0.85) * ramp(c.followUps / Math.max(1, c.withTurn), 0.05, 0.15);
}

export const HUMAN_LONG = 40;
export const MACHINE_LONG = 150;
export function beyondHumanVolume(c: RingCollective): number {
  return Math.max(0, Math.min(1, (longPerMember(c) - HUMAN_LONG) / (MACHINE_LONG - HUMAN_LONG)));
}
