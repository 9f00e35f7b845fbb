/**
 * Each reason code as a short label an analyst reads at a glance; the code
 * itself stays the stable identifier (shown on hover, in exports, in the API).
 */
import type { ReasonCode } from './reason-codes';

export const REASON_LABELS: Readonly<Record<ReasonCode, string>> = {
  COT_ELICITATION: 'Asks for step-by-step reasoning',
  GRADING_AND_REWRITES: 'Grading and “safe” rewrites',
  TEMPLATE_CONCENTRATION: 'Few templates, long answers',
  CAPABILITY_SWEEP: 'Sweeps capability areas',
  SINGLE_TURN: 'Single-turn exchanges',
  OUTPUT_AT_CAP: 'Answers cut at the cap',
  REASONING_HARVEST: 'Harvests visible reasoning',
  MACHINE_RHYTHM: 'Machine-regular timing',
  NO_DIURNAL_CYCLE: 'Active round the clock',
  SIGNUP_PROGRAMME: 'Unverified programme sign-up',
  NEW_ACCOUNT_FULL_THROTTLE: 'New account at full rate',
  PLAN_MISMATCH: 'Volume beyond its plan',
  MODEL_PIVOT: 'Jumped to a new model',
  PROBING: 'Probes with rephrasings',
  ADDRESS_ROTATION: 'Rotates addresses',
  CONVERSATION_DEPTH: 'Real conversations',
  VERIFIED_ORGANISATION: 'Verified organisation',
  SHORT_OUTPUTS: 'Short outputs',
  INTERMITTENT_RUNS: 'Team working hours',
  RING_MEMBER: 'Member of a flagged ring',
  INTEL_MATCH: 'Matches partner intel',
  RING_SUSPICIOUS_MEMBERS: 'Suspicious members',
  RING_HARVEST: 'Ring harvests long answers',
  RING_SINGLE_TURN_LONGFORM: 'Single-turn long answers',
  RING_CAPABILITY_COVERAGE: 'Covers capability areas',
  RING_SHARED_SKELETON: 'Shared prompt skeleton',
  RING_SIGNUP_WAVES: 'Sign-up waves',
  RING_CARD_POOL: 'Pool of shared cards',
  RING_HOSTING_EXITS: 'Hosting-network exits',
  RING_CONVERSATIONAL: 'Converses at a person’s pace',
  RING_ONE_ORGANISATION: 'One organisation’s staff',
  RING_CAMPUS: 'Campus network',
  RING_FRONT_ORGANISATIONS: 'Front organisations',
  SMALL_HARVEST: 'Too small a harvest alone',
};

/** The label of a code; an unknown code (a newer store) reads as itself. */
export function reasonLabel(code: string): string {
  return (REASON_LABELS as Record<string, string>)[code] ?? code;
}
