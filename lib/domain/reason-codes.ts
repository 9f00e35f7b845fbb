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
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface Reason {
  code: ReasonCode;
  weight: number;
  detail: string;
}
