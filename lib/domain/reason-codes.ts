/** Stable reason codes: the vocabulary of every score's explanation. Append only: a code's place is its bit in `alerts.reason_bits`. */
export const REASON_CODES = [
  'COT_ELICITATION',
  'GRADING_AND_REWRITES',
  'TEMPLATE_CONCENTRATION',
  'CAPABILITY_SWEEP',
  'SINGLE_TURN',
  'OUTPUT_AT_CAP',
  'REASONING_HARVEST',
  'MACHINE_RHYTHM',
  'NO_DIURNAL_CYCLE',
  'SIGNUP_PROGRAMME',
  'NEW_ACCOUNT_FULL_THROTTLE',
  'PLAN_MISMATCH',
  'MODEL_PIVOT',
  'PROBING',
  'ADDRESS_ROTATION',
  'CONVERSATION_DEPTH',
  'VERIFIED_ORGANISATION',
  'SHORT_OUTPUTS',
  'INTERMITTENT_RUNS',
  'RING_MEMBER',
  'INTEL_MATCH',
  // Ring-level: a ring judged as one actor (lib/detect/ring-signals).
  'RING_SUSPICIOUS_MEMBERS',
  'RING_HARVEST',
  'RING_SINGLE_TURN_LONGFORM',
  'RING_CAPABILITY_COVERAGE',
  'RING_SHARED_SKELETON',
  'RING_SIGNUP_WAVES',
  'RING_CARD_POOL',
  'RING_HOSTING_EXITS',
  'RING_CONVERSATIONAL',
  'RING_ONE_ORGANISATION',
  'RING_CAMPUS',
  'RING_FRONT_ORGANISATIONS',
  // An account's own score, mitigated: too small a harvest to flag it alone (lib/detect/small-harvest.ts).
  'SMALL_HARVEST',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface Reason {
  code: ReasonCode;
  weight: number;
  detail: string;
}
