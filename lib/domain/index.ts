/**
 * The domain's shared vocabulary: each is one exported union used everywhere
 * (store, detection, API, pages). Codes stored as integers in `events` are
 * defined here so that ingest and detection agree.
 */

export const ROLES = ['analyst', 'lead', 'legal', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What an API token may do on top of its user's role (lib/auth/token-scopes.ts has the rules). */
export const TOKEN_SCOPES = ['read', 'write', 'ingest'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const SUBJECT_KINDS = ['account', 'ring'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** `merged`: the case was absorbed by another ring's case (lib/cases/case-lineage.ts) and is closed; its history stays. */
export const CASE_STATUSES = ['open', 'confirmed', 'dismissed', 'escalated', 'merged'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const DECISION_ACTIONS = ['confirm', 'dismiss', 'escalate'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/** What an analyst decides about one member inside a ring's case: excluded as a false positive, or reinstated. */
export const MEMBER_ACTIONS = ['exclude', 'reinstate'] as const;
export type MemberAction = (typeof MEMBER_ACTIONS)[number];

/** Why a case was closed (confirm or dismiss): required on close, changed only by a new row (lib/cases/dispositions.ts). */
export const DISPOSITIONS = ['false_positive', 'confirmed_extraction', 'policy_referral'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
export const DISPOSITION_LABELS: Readonly<Record<Disposition, string>> = {
  false_positive: 'False positive',
  confirmed_extraction: 'Confirmed extraction',
  policy_referral: 'Policy referral',
};

/** How a ring's case changed shape: members split off into a new case, or another case merged into it. */
export const LINEAGE_KINDS = ['split', 'merge'] as const;
export type LineageKind = (typeof LINEAGE_KINDS)[number];

/** Evidence pinned to a case, or unpinned. */
export const PIN_ACTIONS = ['pin', 'unpin'] as const;
export type PinAction = (typeof PIN_ACTIONS)[number];

/** The status a decision leaves its case in: the one place this rule lives. */
export const STATUS_AFTER: Readonly<Record<DecisionAction, CaseStatus>> = {
  confirm: 'confirmed',
  dismiss: 'dismissed',
  escalate: 'escalated',
};

export const ALERT_KINDS = ['new_flag', 'score_jump', 'ring_growth', 'intel_match', 'behaviour_change'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const PLANS = ['free', 'payg', 'startup', 'education', 'research', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];

/** `finish_reason` stored as a small integer; 0 = not given. */
export const FINISH_REASONS = ['', 'stop', 'length', 'tool_use', 'refusal'] as const;
export type FinishReason = (typeof FINISH_REASONS)[number];
export function finishCode(reason: string | undefined): number {
  if (reason === undefined) return 0;
  const i = (FINISH_REASONS as readonly string[]).indexOf(reason);
  return i < 0 ? 0 : i;
}

/** Facts about a prompt's text, computed once at ingest (lib/ingest/prompt-facts.ts). */
export const PromptFlag = {
  /** Asks for full step-by-step reasoning / the internal thought process. */
  COT: 1 << 0,
  /** Uses the model as a grader: rubrics, scores. */
  RUBRIC: 1 << 1,
  /** Asks for a "safe" rewrite of a sensitive answer. */
  SAFE_REWRITE: 1 << 2,
  /** Asks to replay, repeat or translate earlier reasoning. */
  REASONING_REPLAY: 1 << 3,
  /** Asks to wrap reasoning in tags (<thinking>, <scratchpad>…). */
  REASONING_TAGS: 1 << 4,
  /** Contains markup or script. */
  MARKUP: 1 << 5,
  /** Starts with a spreadsheet formula prefix. */
  FORMULA_PREFIX: 1 << 6,
  /** Asks for a short label / classification / extraction output. */
  SHORT_ANSWER: 1 << 7,
  /** Its reasoning-extraction intent comes only from the system prompt (see lib/features/shared-system-prompts.ts). */
  INTENT_FROM_SYSTEM: 1 << 8,
} as const;
export type PromptFlagName = keyof typeof PromptFlag;

/** Capability area a prompt is aimed at; index = stored code. */
export const CAPABILITIES = [
  'chat',
  'coding',
  'agentic',
  'reasoning',
  'math',
  'vision',
  'writing',
  'translation',
  'data',
  'safety',
  'knowledge',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Kinds of identifier that link accounts in the graph. */
export const IDENTIFIER_KINDS = [
  'payment_fp',
  'ip',
  'subnet',
  'client',
  'email_domain',
  'email_pattern',
  'signup_ip',
  'cohort',
  'schedule',
  'template',
  'skeleton',
] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];
