/**
 * The Distillwatch store. One SQLite file; every table is defined here and
 * migrations are generated from this file by drizzle-kit (db/migrations).
 *
 * Design for tens of millions of events:
 * - `events` is narrow: integers only. Strings that repeat (model, client,
 *   API key, IPv6 address) are dictionary-encoded; IPv4 addresses are stored
 *   as their 32-bit value; prompt text is reduced at ingest to facts (template
 *   hash, flags, capability) and only a bounded sample is kept as evidence.
 * - `events` is a WITHOUT ROWID table clustered on (ts, rid) and has no
 *   secondary index. Logs arrive roughly in time order, so inserts append
 *   near the end of the tree (measured: ~0.9 M rows/s, against ~0.22 M/s
 *   for a tree keyed by account first). The key is also the de-duplication
 *   key (a request seen twice has the same id and time) and the order of
 *   detection's window scan, which keeps per-account state in memory. The
 *   dashboard never scans events: it reads rollups detection writes
 *   (account_days, scores) and the evidence sample (prompts).
 * - Times are integers: epoch milliseconds (UTC). Days are `YYYY-MM-DD` text.
 */
import {
  blob,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import {
  ALERT_KINDS,
  CASE_STATUSES,
  DECISION_ACTIONS,
  DISPOSITIONS,
  LINEAGE_KINDS,
  MEMBER_ACTIONS,
  PIN_ACTIONS,
  ROLES,
  SUBJECT_KINDS,
} from '../lib/domain';

// ---------------------------------------------------------------- ingest ---

export const accounts = sqliteTable(
  'accounts',
  {
    /** Integer key used by every other table. */
    id: integer('id').primaryKey(),
    accountId: text('account_id').notNull(),
    /** Null until the account's own record arrives (events may come first). */
    createdAt: integer('created_at'),
    email: text('email'),
    /** Lower-cased domain part of the e-mail (null for keyed-hash e-mails). */
    emailDomain: text('email_domain'),
    /** Local part reduced to a shape: letters→a, digits→9 (`aaaa.aaaa99`). */
    emailShape: text('email_shape'),
    orgId: text('org_id'),
    plan: text('plan'),
    country: text('country'),
    signupIp: text('signup_ip'),
    paymentFp: text('payment_fp'),
    verified: integer('verified', { mode: 'boolean' }),
    /** True once an `account` record has been seen (not only events). */
    hasRecord: integer('has_record', { mode: 'boolean' }).notNull().default(false),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('accounts_account_id').on(t.accountId)],
);

/** Dictionary of repeated strings, one namespace per `kind`. */
export const dictionary = sqliteTable(
  'dictionary',
  {
    id: integer('id').primaryKey(),
    kind: text('kind', { enum: ['model', 'client', 'api_key', 'ip6'] }).notNull(),
    value: text('value').notNull(),
  },
  (t) => [uniqueIndex('dictionary_kind_value').on(t.kind, t.value)],
);

export const events = sqliteTable(
  'events',
  {
    account: integer('account').notNull(),
    ts: integer('ts').notNull(),
    /** 53-bit hash of request_id. */
    rid: integer('rid').notNull(),
    /** IPv4 as unsigned 32-bit value; IPv6 as the negated dictionary id. */
    ip: integer('ip').notNull(),
    asn: integer('asn'),
    model: integer('model').notNull(),
    /** Dictionary id of `user_agent` + TLS fingerprint (the client). */
    client: integer('client'),
    apiKey: integer('api_key'),
    turn: integer('turn'),
    inputTokens: integer('input_tokens').notNull(),
    outputTokens: integer('output_tokens').notNull(),
    maxTokens: integer('max_tokens'),
    reasoningTokens: integer('reasoning_tokens'),
    toolCount: integer('tool_count'),
    /** FinishReason code, see lib/domain/index.ts. */
    finish: integer('finish'),
    /** 32-bit hash of the prompt's normalised skeleton. */
    template: integer('template').notNull(),
    /** PromptFlag bit set, see lib/domain/index.ts. */
    flags: integer('flags').notNull(),
    /** Capability code, see lib/domain/index.ts. */
    capability: integer('capability').notNull(),
    /** 32-bit hash of the system prompt, 0 when none. */
    system: integer('system').notNull(),
    promptChars: integer('prompt_chars').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ts, t.rid] })],
);

/**
 * Evidence: full prompt text for a bounded sample of exchanges (see
 * lib/ingest/retention.ts for the rule). Text is stored as written,
 * attacker-controlled, and must be escaped wherever it is shown.
 */
export const prompts = sqliteTable(
  'prompts',
  {
    account: integer('account').notNull(),
    ts: integer('ts').notNull(),
    rid: integer('rid').notNull(),
    requestId: text('request_id').notNull(),
    template: integer('template').notNull(),
    flags: integer('flags').notNull(),
    capability: integer('capability').notNull(),
    model: integer('model').notNull(),
    /** Original length in characters (the stored text may be cut). */
    chars: integer('chars').notNull(),
    text: text('text').notNull(),
    systemPrompt: text('system_prompt'),
    /**
     * The exchange's response figures, carried on the sample itself so that the
     * pages and case files that show them never read `events` — which may be in
     * ClickHouse (lib/events). Null only where the log did not say.
     */
    inputTokens: integer('input_tokens'),
    outputTokens: integer('output_tokens'),
    reasoningTokens: integer('reasoning_tokens'),
    maxTokens: integer('max_tokens'),
    finish: integer('finish'),
    turn: integer('turn'),
  },
  (t) => [primaryKey({ columns: [t.account, t.ts, t.rid] })],
);

/** Per-account, per-UTC-day rollup written by detection over its window. */
export const accountDays = sqliteTable(
  'account_days',
  {
    account: integer('account').notNull(),
    day: text('day').notNull(),
    events: integer('events').notNull(),
    inputTokens: integer('input_tokens').notNull(),
    outputTokens: integer('output_tokens').notNull(),
    /** Events per UTC hour of the day, as a JSON array of 24 counts. */
    hours: text('hours').notNull(),
  },
  (t) => [primaryKey({ columns: [t.account, t.day] }), index('account_days_day').on(t.day)],
);

export const ingestRuns = sqliteTable('ingest_runs', {
  id: text('id').primaryKey(),
  startedAt: integer('started_at').notNull(),
  finishedAt: integer('finished_at'),
  files: text('files').notNull(),
  accounts: integer('accounts').notNull().default(0),
  events: integer('events').notNull().default(0),
  duplicates: integer('duplicates').notNull().default(0),
  rejected: integer('rejected').notNull().default(0),
  rejectsFile: text('rejects_file'),
});

/** Small key/value facts about the store (first/last event time, …). */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

// ------------------------------------------------------------- detection ---

export const detectRuns = sqliteTable('detect_runs', {
  id: integer('id').primaryKey(),
  asOf: text('as_of').notNull(),
  generatedAt: integer('generated_at').notNull(),
  threshold: real('threshold').notNull(),
  modelVersion: text('model_version').notNull(),
  windowDays: integer('window_days').notNull(),
  accounts: integer('accounts').notNull(),
  flagged: integer('flagged').notNull(),
  rings: integer('rings').notNull(),
  alerts: integer('alerts').notNull(),
  seconds: real('seconds'),
});

/** One row per account per as-of day: the score history. */
export const scores = sqliteTable(
  'scores',
  {
    account: integer('account').notNull(),
    asOf: text('as_of').notNull(),
    run: integer('run').notNull(),
    score: real('score').notNull(),
    /** Score from the account's own behaviour, before its ring raised it. */
    ownScore: real('own_score').notNull(),
    flagged: integer('flagged', { mode: 'boolean' }).notNull(),
    ringId: text('ring_id'),
    /** JSON array of {code, weight, detail}, largest first. */
    reasons: text('reasons').notNull(),
    /** JSON object of the raw feature values behind the reasons. */
    features: text('features').notNull(),
    events: integer('events').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.account, t.asOf] }),
    index('scores_as_of_score').on(t.asOf, t.score),
  ],
);

export const rings = sqliteTable(
  'rings',
  {
    ringId: text('ring_id').notNull(),
    asOf: text('as_of').notNull(),
    run: integer('run').notNull(),
    score: real('score').notNull(),
    size: integer('size').notNull(),
    /** JSON array of {kind, value, accounts}. */
    shared: text('shared').notNull(),
    /** "212 accounts share 7 cards and one TLS fingerprint". */
    summary: text('summary').notNull(),
    /** JSON array of ring-level reasons {code, weight, detail}: the ring judged as one actor. */
    reasons: text('reasons').notNull().default('[]'),
    /** JSON {nodeId: [x, y]} computed once at detect time for the ring graph. */
    layout: text('layout'),
  },
  (t) => [primaryKey({ columns: [t.ringId, t.asOf] })],
);

export const ringMembers = sqliteTable(
  'ring_members',
  {
    ringId: text('ring_id').notNull(),
    asOf: text('as_of').notNull(),
    account: integer('account').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ringId, t.asOf, t.account] }),
    index('ring_members_account').on(t.account, t.asOf),
  ],
);

/** Which identifiers each account used in the latest detection window. */
export const accountIdentifiers = sqliteTable(
  'account_identifiers',
  {
    account: integer('account').notNull(),
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    events: integer('events').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.account, t.kind, t.value] }),
    index('account_identifiers_kind_value').on(t.kind, t.value),
  ],
);

// -------------------------------------------------------- alerts & cases ---

export const cases = sqliteTable(
  'cases',
  {
    id: text('id').primaryKey(),
    subjectKind: text('subject_kind', { enum: SUBJECT_KINDS }).notNull(),
    subjectId: text('subject_id').notNull(),
    status: text('status', { enum: CASE_STATUSES }).notNull(),
    assignee: text('assignee'),
    score: real('score').notNull(),
    accounts: integer('accounts').notNull(),
    openedAt: integer('opened_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    /** Bumped on every change; a decision names the version it saw. */
    version: integer('version').notNull().default(1),
    /**
     * Hidden from the default queue until this time (epoch ms), from the latest
     * `case_snoozes` row; null when not snoozed. It wakes by itself: the queue
     * compares it with the time of the request. Copied onto its alerts by triggers.
     */
    snoozedUntil: integer('snoozed_until'),
  },
  (t) => [
    uniqueIndex('cases_subject').on(t.subjectKind, t.subjectId),
    index('cases_status').on(t.status, t.openedAt),
  ],
);

export const alerts = sqliteTable(
  'alerts',
  {
    id: integer('id').primaryKey(),
    day: text('day').notNull(),
    kind: text('kind', { enum: ALERT_KINDS }).notNull(),
    subjectKind: text('subject_kind', { enum: SUBJECT_KINDS }).notNull(),
    subjectId: text('subject_id').notNull(),
    caseId: text('case_id').notNull(),
    score: real('score').notNull(),
    /** JSON array of reasons, as on scores. */
    reasons: text('reasons').notNull(),
    /** Denormalised for the queue's filters. */
    topReason: text('top_reason'),
    ringId: text('ring_id'),
    plan: text('plan'),
    accounts: integer('accounts').notNull(),
    createdAt: integer('created_at').notNull(),
    /**
     * The status of the alert's case, kept equal to `cases.status` by triggers
     * (migration 0003): the queue counts and orders a day's open alerts through
     * an index instead of looking up 50,000 cases per request.
     */
    caseStatus: text('case_status', { enum: CASE_STATUSES }),
    /** The codes of `reasons` as bits (reason_code_bits), kept by triggers: the reason filter reads an index, not 50,000 JSON texts. */
    reasonBits: integer('reason_bits'),
    /**
     * The queue's tie-break behind a tied score (lib/alerts/priority.ts, written by
     * detection): output tokens the subject harvested over the detection window,
     * its events in the week to `day` and the week before, and their growth.
     */
    outputTokens: integer('output_tokens'),
    eventsWeek: integer('events_week'),
    eventsPrevWeek: integer('events_prev_week'),
    /** (events_week − events_prev_week) / max(events_prev_week, 1). */
    growth: real('growth'),
    /** The case's `snoozed_until`, kept by triggers: the queue filters without a join. */
    snoozedUntil: integer('snoozed_until'),
  },
  (t) => [
    uniqueIndex('alerts_day_subject_kind').on(t.day, t.subjectKind, t.subjectId, t.kind),
    index('alerts_day_score').on(t.day, t.score),
    index('alerts_case').on(t.caseId),
    index('alerts_day_status_score').on(t.day, t.caseStatus, t.score),
    index('alerts_day_status_created').on(t.day, t.caseStatus, t.createdAt),
    index('alerts_day_status_accounts').on(t.day, t.caseStatus, t.accounts),
    index('alerts_day_status_plan_accounts').on(t.day, t.caseStatus, t.plan, t.accounts),
    index('alerts_day_status_reasons').on(t.day, t.caseStatus, t.reasonBits),
    index('alerts_day_status_priority').on(t.day, t.caseStatus, t.score, t.outputTokens, t.accounts, t.growth),
  ],
);

/** Each reason code's bit in `alerts.reason_bits`: its position in REASON_CODES (an append-only list), filled when a store opens. */
export const reasonCodeBits = sqliteTable('reason_code_bits', {
  code: text('code').primaryKey(),
  bit: integer('bit').notNull(),
});

/** Append-only: a change of mind is a new row. */
export const decisions = sqliteTable(
  'decisions',
  {
    id: integer('id').primaryKey(),
    caseId: text('case_id').notNull(),
    action: text('action', { enum: DECISION_ACTIONS }).notNull(),
    reason: text('reason').notNull(),
    author: text('author').notNull(),
    /**
     * The author's role when deciding: a decision by a lead or legal keeps its
     * authority (lib/cases/leads-decide.ts). Null only for rows older than the column
     * whose role the migration could not recover.
     */
    role: text('role', { enum: ROLES }),
    at: integer('at').notNull(),
  },
  (t) => [index('decisions_case').on(t.caseId, t.at)],
);

export const caseNotes = sqliteTable(
  'case_notes',
  {
    id: integer('id').primaryKey(),
    caseId: text('case_id').notNull(),
    author: text('author').notNull(),
    body: text('body').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('case_notes_case').on(t.caseId, t.at)],
);

/**
 * Member-level decisions inside a ring's case, append-only like `decisions`: an
 * analyst excludes a member as a false positive (with a reason), or reinstates
 * it. A member's standing is its latest row; a change of mind is a new row.
 */
export const caseMemberDecisions = sqliteTable(
  'case_member_decisions',
  {
    id: integer('id').primaryKey(),
    caseId: text('case_id').notNull(),
    /** The member's account id (as ingested). */
    accountId: text('account_id').notNull(),
    action: text('action', { enum: MEMBER_ACTIONS }).notNull(),
    reason: text('reason').notNull(),
    author: text('author').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('case_member_decisions_case').on(t.caseId, t.accountId, t.id)],
);

/**
 * Evidence pinned to a case, append-only: an analyst pins one kept exchange
 * (a row of `prompts`, by account and request id) or unpins it; its standing
 * is its latest row. Pinned exchanges lead the case file.
 */
export const caseEvidencePins = sqliteTable(
  'case_evidence_pins',
  {
    id: integer('id').primaryKey(),
    caseId: text('case_id').notNull(),
    accountId: text('account_id').notNull(),
    requestId: text('request_id').notNull(),
    action: text('action', { enum: PIN_ACTIONS }).notNull(),
    note: text('note'),
    author: text('author').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('case_evidence_pins_case').on(t.caseId, t.accountId, t.requestId, t.id)],
);

/**
 * Snoozes, append-only: a case hidden from the default queue until `until`
 * (epoch ms), or woken early (`until` null). Its standing is its latest row,
 * copied to `cases.snoozed_until`.
 */
export const caseSnoozes = sqliteTable(
  'case_snoozes',
  {
    id: integer('id').primaryKey(),
    caseId: text('case_id').notNull(),
    until: integer('until'),
    reason: text('reason').notNull(),
    author: text('author').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('case_snoozes_case').on(t.caseId, t.id)],
);

/**
 * Why a case was closed, append-only: one row per close (with the decision
 * that closed it) and one per change of mind. A case's disposition is its latest row.
 */
export const caseDispositions = sqliteTable(
  'case_dispositions',
  {
    id: integer('id').primaryKey(),
    caseId: text('case_id').notNull(),
    disposition: text('disposition', { enum: DISPOSITIONS }).notNull(),
    note: text('note').notNull(),
    /** The decision that closed the case with it; null for a later change of disposition. */
    decisionId: integer('decision_id'),
    author: text('author').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('case_dispositions_case').on(t.caseId, t.id)],
);

/**
 * How ring cases changed shape, append-only: `split` moves members (`accounts`,
 * a JSON array of account ids) from `from_case` into the new `to_case`;
 * `merge` closes `from_case` as merged into `to_case`, which absorbs its members.
 */
export const caseLineage = sqliteTable(
  'case_lineage',
  {
    id: integer('id').primaryKey(),
    kind: text('kind', { enum: LINEAGE_KINDS }).notNull(),
    fromCase: text('from_case').notNull(),
    toCase: text('to_case').notNull(),
    /** The ring the members came from (the from-case's subject). */
    fromRing: text('from_ring').notNull(),
    accounts: text('accounts').notNull(),
    reason: text('reason').notNull(),
    author: text('author').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('case_lineage_from').on(t.fromCase, t.id), index('case_lineage_to').on(t.toCase, t.id)],
);

/** Saved views of the alert queue: filters and sort (the URL's, checked by lib/alerts/view.ts), private or shared with the team. */
export const savedViews = sqliteTable(
  'saved_views',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    owner: text('owner').notNull(),
    shared: integer('shared', { mode: 'boolean' }).notNull().default(false),
    /** JSON of the view's filters and sort, checked with alertViewSchema (lib/alerts/view.ts) when saved and when read. */
    filters: text('filters').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('saved_views_owner_name').on(t.owner, t.name), index('saved_views_shared').on(t.shared)],
);

/**
 * Saved views of a ring's graph in a case, append-only: what an analyst had
 * open (expanded member groups, the time window, colour mode, hidden kinds,
 * selection, zoom and pan; JSON validated by lib/domain/graph-view.ts),
 * listed on the case page and drawn by the case file. A later view is a new
 * row; none is ever changed.
 */
export const caseGraphViews = sqliteTable(
  'case_graph_views',
  {
    id: integer('id').primaryKey(),
    caseId: text('case_id').notNull(),
    ringId: text('ring_id').notNull(),
    /** The ring's as-of day the view was saved on. */
    asOf: text('as_of').notNull(),
    name: text('name').notNull(),
    /** JSON of lib/domain/graph-view.ts's GraphView. */
    view: text('view').notNull(),
    author: text('author').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    at: integer('at').notNull(),
    /** The case's version after the save. */
    caseVersion: integer('case_version').notNull(),
  },
  (t) => [index('case_graph_views_case').on(t.caseId, t.id)],
);

/**
 * Append-only, hash-chained audit trail: each entry's `hash` is SHA-256 over
 * the previous entry's hash and this entry's canonical content. Triggers in
 * the migration refuse UPDATE and DELETE.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey(),
    at: integer('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subjectKind: text('subject_kind'),
    subjectId: text('subject_id'),
    caseId: text('case_id'),
    /** Canonical JSON of the details. */
    details: text('details').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_case').on(t.caseId, t.seq)],
);

/** Subjects an analyst dismissed: quiet until their behaviour changes. */
export const knownGood = sqliteTable(
  'known_good',
  {
    subjectKind: text('subject_kind', { enum: SUBJECT_KINDS }).notNull(),
    subjectId: text('subject_id').notNull(),
    caseId: text('case_id').notNull(),
    /** Score and features when dismissed: the baseline for "materially changed". */
    score: real('score').notNull(),
    baseline: text('baseline').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.subjectKind, t.subjectId] })],
);

/** Identifiers of confirmed rings. */
export const knownBad = sqliteTable(
  'known_bad',
  {
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    caseId: text('case_id').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.value] })],
);

// ------------------------------------------------------ people & access ---

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    /** scrypt$N$r$p$salt$hash */
    passwordHash: text('password_hash').notNull(),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('users_name').on(t.name)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the session token; the token itself lives only in the cookie. */
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id').notNull(),
    label: text('label').notNull(),
    createdAt: integer('created_at').notNull(),
    /** A token stops working at this time (epoch ms); tokens from before the column got created_at + 90 days. */
    expiresAt: integer('expires_at'),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
    /**
     * What the token may do (lib/auth/token-scopes.ts), space-separated: `read`, `write`, `ingest`.
     * Tokens from before scopes could do whatever their user's role allowed through the API: `read write`.
     */
    scopes: text('scopes').notNull().default('read write'),
  },
  (t) => [index('api_tokens_user').on(t.userId)],
);

/**
 * Failed sign-ins as counters, not history (lib/auth/sign-in-throttle.ts): one
 * row per (name, address) pair and one per address, pruned by time and capped
 * in number, so a flood of guesses cannot grow the store. The audit trail keeps
 * successful sign-ins (with the failures before them) and the onset of throttling.
 */
export const signInCounters = sqliteTable(
  'sign_in_counters',
  {
    /**
     * 'pair' (name and address), 'address' (every name from one address), or
     * 'audited' (one row per name: when its throttling was last written to the audit trail).
     */
    scope: text('scope', { enum: ['pair', 'address', 'audited'] }).notNull(),
    /** Lower-cased name tried; '' for the address scope. */
    name: text('name').notNull(),
    /** Client address as judged by lib/http/client-address.ts; '' when unknown. */
    address: text('address').notNull(),
    /** Failures since the last success (or since the counter was pruned). */
    failures: integer('failures').notNull(),
    /** Attempts refused while throttled (not counted as failures). */
    refused: integer('refused').notNull().default(0),
    firstAt: integer('first_at').notNull(),
    lastAt: integer('last_at').notNull(),
    /** No attempt is checked before this time (epoch ms). */
    blockedUntil: integer('blocked_until').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.scope, t.name, t.address] }), index('sign_in_counters_last_at').on(t.lastAt)],
);

// ------------------------------------------------------------- sharing ---

export const intelBundles = sqliteTable('intel_bundles', {
  id: text('id').primaryKey(),
  producer: text('producer').notNull(),
  /** SHA-256 of the bundle file: re-importing the same bundle changes nothing. */
  sha256: text('sha256').notNull().unique(),
  importedAt: integer('imported_at').notNull(),
  importedBy: text('imported_by').notNull(),
  objects: integer('objects').notNull(),
  indicators: integer('indicators').notNull(),
  /** The bundle file as received, gzip-compressed (bundles imported before that was so are stored as is: gzip starts with 0x1f 0x8b, JSON never does). */
  raw: blob('raw', { mode: 'buffer' }),
});

export const intelIndicators = sqliteTable(
  'intel_indicators',
  {
    id: text('id').notNull(),
    bundleId: text('bundle_id').notNull(),
    producer: text('producer').notNull(),
    name: text('name'),
    pattern: text('pattern').notNull(),
    /** Parsed match target: identifier kind and value (or keyed hash). */
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    hashed: integer('hashed', { mode: 'boolean' }).notNull(),
    marking: text('marking'),
    confidence: integer('confidence'),
    validFrom: text('valid_from').notNull(),
    validUntil: text('valid_until'),
    campaign: text('campaign'),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.bundleId] }),
    index('intel_indicators_kind_value').on(t.kind, t.value),
  ],
);

export const intelMatches = sqliteTable(
  'intel_matches',
  {
    indicatorId: text('indicator_id').notNull(),
    bundleId: text('bundle_id').notNull(),
    account: integer('account').notNull(),
    matchedAt: integer('matched_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.indicatorId, t.bundleId, t.account] }),
    index('intel_matches_account').on(t.account),
  ],
);


// ------------------------------------------------------- the daily cycle ---

/**
 * Named leases (lib/schedule/lock.ts): one row per lock, held by `holder`
 * until `expiresAt`. A holder that crashed stops renewing, so its lease runs
 * out and the next one takes the lock; nothing has to clean up after it.
 */
export const locks = sqliteTable('locks', {
  name: text('name').primaryKey(),
  /** `host:pid:random`, so a holder on this host whose process is gone can be told apart. */
  holder: text('holder').notNull(),
  acquiredAt: integer('acquired_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
});

/**
 * The scheduler's runs (lib/schedule/run-due-days.ts): one row per attempt to
 * run detection for a day, whether it succeeded, failed (with the error, and
 * when it is tried again) or gave up after the last attempt.
 */
export const scheduledRuns = sqliteTable(
  'scheduled_runs',
  {
    id: integer('id').primaryKey(),
    day: text('day').notNull(),
    status: text('status', { enum: ['running', 'succeeded', 'failed', 'gave_up'] }).notNull(),
    attempt: integer('attempt').notNull(),
    /** What started it: the server's timer, `schedule --once`, or an admin. */
    trigger: text('trigger').notNull(),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
    /** The detect_runs row it wrote. */
    detectRun: integer('detect_run'),
    alerts: integer('alerts'),
    /** Events of the day in the store when the run started: what arrived later is late data. */
    eventsAtRun: integer('events_at_run'),
    error: text('error'),
    /** A failed attempt is tried again from this time (epoch ms). */
    retryAt: integer('retry_at'),
  },
  (t) => [index('scheduled_runs_day').on(t.day, t.id), index('scheduled_runs_started').on(t.startedAt)],
);

/** Events per UTC day, as the scheduler last counted them (the overview's "events per day" and late data). */
export const dayCounts = sqliteTable('day_counts', {
  day: text('day').primaryKey(),
  events: integer('events').notNull(),
  countedAt: integer('counted_at').notNull(),
});

// -------------------------------------------------------------- webhooks ---

/** Where alerts go out (lib/webhooks): configured by admins, each with its own signing secret. */
export const webhooks = sqliteTable('webhooks', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  url: text('url').notNull(),
  /** `slack` (a Slack incoming-webhook body) or `json` (the generic envelope). */
  format: text('format', { enum: ['slack', 'json'] }).notNull(),
  /** HMAC-SHA256 key of the signature header; shown to the admin once, kept to sign. */
  secret: text('secret').notNull(),
  /** JSON array of the event kinds it receives (lib/webhooks/events.ts). */
  events: text('events').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * The outbox: one row per message to one webhook, written in the same
 * transaction as the change that causes it (alerts raised, a decision, the
 * daily digest), so a message exists exactly when its cause was committed and
 * survives restarts until it is delivered or gives up.
 */
export const webhookOutbox = sqliteTable(
  'webhook_outbox',
  {
    id: integer('id').primaryKey(),
    webhookId: integer('webhook_id').notNull(),
    event: text('event').notNull(),
    /** JSON of the event's data; the body is built from it at send time in the webhook's format. */
    payload: text('payload').notNull(),
    createdAt: integer('created_at').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Not sent before this time (epoch ms): the backoff, or a sender's claim. */
    nextAttemptAt: integer('next_attempt_at').notNull(),
    deliveredAt: integer('delivered_at'),
    lastError: text('last_error'),
  },
  (t) => [index('webhook_outbox_due').on(t.status, t.nextAttemptAt), index('webhook_outbox_hook').on(t.webhookId, t.id)],
);

/** Every attempt to send an outbox message: the delivery log admins read. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey(),
    outboxId: integer('outbox_id').notNull(),
    webhookId: integer('webhook_id').notNull(),
    event: text('event').notNull(),
    attempt: integer('attempt').notNull(),
    at: integer('at').notNull(),
    /** HTTP status, or null when no answer came (refused, timed out). */
    httpStatus: integer('http_status'),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [index('webhook_deliveries_hook').on(t.webhookId, t.at)],
);

// ------------------------------------------------- case evidence copies ---

/**
 * What a case holds of its own (lib/cases/case-copies.ts): its member accounts,
 * and copies of their evidence prompts, daily rollups and scores taken when the
 * case opens (and when an account joins it), topped up before retention prunes
 * (lib/retention). The case file reads these together with the live tables,
 * so a case exported after its events expired is still complete.
 */
export const caseAccounts = sqliteTable(
  'case_accounts',
  {
    caseId: text('case_id').notNull(),
    account: integer('account').notNull(),
    addedAt: integer('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.account] }), index('case_accounts_account').on(t.account)],
);

export const casePrompts = sqliteTable(
  'case_prompts',
  {
    caseId: text('case_id').notNull(),
    account: integer('account').notNull(),
    ts: integer('ts').notNull(),
    rid: integer('rid').notNull(),
    requestId: text('request_id').notNull(),
    template: integer('template').notNull(),
    flags: integer('flags').notNull(),
    capability: integer('capability').notNull(),
    model: integer('model').notNull(),
    chars: integer('chars').notNull(),
    text: text('text').notNull(),
    systemPrompt: text('system_prompt'),
    /** The response's figures, copied from the exchange's event: the case file shows them after the event is pruned. */
    outputTokens: integer('output_tokens'),
    reasoningTokens: integer('reasoning_tokens'),
    finish: integer('finish'),
    turn: integer('turn'),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.account, t.ts, t.rid] })],
);

export const caseAccountDays = sqliteTable(
  'case_account_days',
  {
    caseId: text('case_id').notNull(),
    account: integer('account').notNull(),
    day: text('day').notNull(),
    events: integer('events').notNull(),
    inputTokens: integer('input_tokens').notNull(),
    outputTokens: integer('output_tokens').notNull(),
    hours: text('hours').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.account, t.day] })],
);

export const caseScores = sqliteTable(
  'case_scores',
  {
    caseId: text('case_id').notNull(),
    account: integer('account').notNull(),
    asOf: text('as_of').notNull(),
    score: real('score').notNull(),
    ownScore: real('own_score').notNull(),
    flagged: integer('flagged', { mode: 'boolean' }).notNull(),
    ringId: text('ring_id'),
    reasons: text('reasons').notNull(),
    features: text('features').notNull(),
    events: integer('events').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.account, t.asOf] })],
);
