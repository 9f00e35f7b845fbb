/**
 * Everything a case file holds, read from the store in one read transaction
 * (a consistent snapshot, even while detection or analysts write), as plain
 * data. The PDF, the CSVs and the JSON files are all drawn from this one
 * object, so they always agree with each other.
 */
import type Database from 'better-sqlite3';
import { asc, eq } from 'drizzle-orm';
import { dbOf } from '../../db/client';
import { accounts as accountsTable, alerts as alertsTable, scores as scoresTable } from '../../db/schema';
import type { AuditEntry } from '../audit/chain';
import { auditEntriesForCase, auditHead } from '../audit/queries';
import { trailStatus } from '../audit/trail-status';
import { findCase, type CaseRow } from '../cases/case-row';
import type { CaseNote } from '../cases/add-note';
import { caseDecisions, caseNotesOf, type Decision } from '../cases/queries';
import { excludedMembers, memberDecisions, type ExcludedMember, type MemberDecisionRow } from '../cases/member-decisions';
import { graphViews, type SavedGraphView } from '../cases/graph-views';
import { ringOn } from '../rings/queries';
import { caseMembers, lineageOf, type LineageEntry } from '../cases/case-lineage';
import { dispositionsOf, type DispositionRow } from '../cases/dispositions';
import { parentRingOf } from '../domain/sub-ring';
import type { Reason } from '../domain/reason-codes';
import { CAPABILITIES, FINISH_REASONS, PromptFlag, type PromptFlagName } from '../domain';
import { rankEvidence } from '../domain/evidence-strength';
import { pinnedEvidenceText, type PinnedExchangeText } from '../cases/evidence-pins';
import { NotFoundError } from '../errors';

/**
 * The events sample (evidence/events_sample.csv): the store keeps full text
 * for a bounded sample of each account's prompts (lib/ingest/retention.ts);
 * the case file takes the pinned exchanges first, then for each member account
 * in descending score order the PER_ACCOUNT retained prompts that best show its
 * reasons (lib/domain/evidence-strength.ts), at most TOTAL rows,
 * each cut at MAX_CHARS characters (the original length is given).
 */
export const EVENTS_SAMPLE = {
  PER_ACCOUNT_RING: 3,
  PER_ACCOUNT_SINGLE: 24,
  TOTAL: 3000,
  MAX_CHARS: 2000,
  SYSTEM_MAX_CHARS: 500,
} as const;

export const EVENTS_SAMPLE_RULE =
  `First the exchanges analysts pinned to the case; then for each member account (highest score first), its ${EVENTS_SAMPLE.PER_ACCOUNT_RING} retained prompts that best show its reasons ` +
  `(the strongest example of each reason first, lib/domain/evidence-strength.ts) ` +
  `(${EVENTS_SAMPLE.PER_ACCOUNT_SINGLE} for a single-account case), at most ${EVENTS_SAMPLE.TOTAL.toLocaleString('en-US')} rows, ` +
  `each cut at ${EVENTS_SAMPLE.MAX_CHARS.toLocaleString('en-US')} characters (chars gives the original length). ` +
  `The store keeps full text only for a bounded sample of each account's exchanges (the first two of each prompt template, ` +
  `at most 24 per account); every exchange is counted in daily_activity.csv.`;

/** A member account as the case file lists it: its record, and its latest score. */
export type MemberAccount = Pick<
  typeof accountsTable.$inferSelect,
  'accountId' | 'createdAt' | 'email' | 'emailDomain' | 'orgId' | 'plan' | 'country' | 'signupIp' | 'paymentFp' | 'verified'
> & {
  key: number;
  /** Latest score (as of the detection the case reflects), or null when never scored. */
  score: number | null;
  ownScore: number | null;
  flagged: boolean | null;
  reasons: Reason[];
  windowEvents: number;
};

export interface IdentifierUse {
  account: number;
  kind: string;
  value: string;
  events: number;
}

export interface SharedIdentifier {
  kind: string;
  value: string;
  /** Member accounts that use it. */
  accounts: number;
  /** Accounts in the whole store that use it (members and others). */
  reach: number;
}

export interface AccountDay {
  account: number;
  day: string;
  events: number;
  inputTokens: number;
  outputTokens: number;
  hours: number[];
}

/** A score as stored, its reasons and features parsed. */
export type ScoreRow = Omit<typeof scoresTable.$inferSelect, 'run' | 'reasons' | 'features'> & { reasons: Reason[]; features: unknown };

export interface PromptSample {
  account: number;
  requestId: string;
  ts: number;
  model: string;
  capability: string;
  flags: PromptFlagName[];
  template: string;
  chars: number;
  text: string;
  systemPrompt: string | null;
  outputTokens: number | null;
  finishReason: string | null;
  /** An analyst pinned it to the case (pinned exchanges lead the sample). */
  pinned: boolean;
}

/** An alert as stored, its reasons parsed. */
export type CaseAlert = Omit<typeof alertsTable.$inferSelect, 'caseId' | 'reasons'> & { reasons: Reason[] };

export interface RingFacts {
  ringId: string;
  asOf: string;
  score: number;
  size: number;
  summary: string;
  /** The ring judged as one actor: ring-level reasons, largest first. */
  reasons: Reason[];
  /** Precomputed graph positions (rings.layout), when detection stored them. */
  layout: Record<string, [number, number]> | null;
}

export interface DetectionFacts {
  asOf: string;
  generatedAt: number;
  threshold: number;
  modelVersion: string;
}

export interface CaseEvidence {
  caseRow: CaseRow;
  decisions: Decision[];
  notes: CaseNote[];
  /** The case's audit entries at the snapshot, in seq order. */
  audit: AuditEntry[];
  /** The last entry of the whole trail at the snapshot. */
  chainHead: { seq: number; hash: string } | null;
  /** The whole trail's verification at the snapshot (lib/audit/verify-trail.ts). */
  storeTrail: { ok: boolean; firstBadSeq: number | null; problem: string | null; signedHeadSeq: number | null };
  alerts: CaseAlert[];
  detection: DetectionFacts | null;
  ring: RingFacts | null;
  members: MemberAccount[];
  /** Members the case excludes as false positives (listed apart; still in `members`, as detection found the ring). */
  excluded: ExcludedMember[];
  /** Every exclusion and reinstatement, oldest first. */
  memberDecisions: MemberDecisionRow[];
  /** Why the case was closed, every row oldest first: the last is the current one (lib/cases/dispositions.ts). */
  dispositions: DispositionRow[];
  /** Splits and merges: where members went and came from (lib/cases/case-lineage.ts). */
  lineage: LineageEntry[];
  shared: SharedIdentifier[];
  identifiers: IdentifierUse[];
  days: AccountDay[];
  scores: ScoreRow[];
  prompts: PromptSample[];
  /** Exchanges analysts pinned to the case, in the order they were pinned (they also lead `prompts`). */
  pinned: PinnedExchangeText[];
  /** Retained prompts the members have in the store (the sample is drawn from these). */
  promptsRetained: number;
  /** Views of the ring's graph saved into the case, newest first (the figure draws the newest). */
  graphViews: SavedGraphView[];
}

const FLAG_NAMES = Object.keys(PromptFlag) as PromptFlagName[];
export function flagNames(bits: number): PromptFlagName[] {
  return FLAG_NAMES.filter((n) => (bits & PromptFlag[n]) !== 0);
}

export const templateLabel = (t: number) => (t >>> 0).toString(16).padStart(8, '0');

type Row = Record<string, unknown>;

function memberKeys(sqlite: Database.Database, row: CaseRow): { keys: number[]; ring: RingFacts | null; asOf: string | null } {
  if (row.subjectKind === 'ring') {
    // A split-off case (ring_7.s1) is about part of its parent ring; its members, and a survivor's absorbed ones, come from the case's lineage.
    const ring = ringOn(sqlite, parentRingOf(row.subjectId));
    const memberIds = caseMembers(sqlite, row);
    const keys = sqlite.prepare(`SELECT id FROM accounts WHERE account_id IN (SELECT value FROM json_each(?)) ORDER BY id`).pluck().all(JSON.stringify(memberIds)) as number[];
    if (!ring) return { keys, ring: null, asOf: null };
    let layout: RingFacts['layout'] = null;
    try {
      layout = ring.layout ? (JSON.parse(ring.layout) as Record<string, [number, number]>) : null;
    } catch {
      layout = null;
    }
    return {
      keys,
      asOf: ring.asOf,
      ring: { ringId: ring.ringId, asOf: ring.asOf, score: ring.score, size: ring.size, summary: ring.summary, reasons: parseReasons(ring.reasons), layout },
    };
  }
  const key = sqlite.prepare(`SELECT id FROM accounts WHERE account_id = ?`).pluck().get(row.subjectId) as number | undefined;
  return { keys: key === undefined ? [] : [key], ring: null, asOf: null };
}

const parseReasons = (text: string): Reason[] => {
  try {
    return JSON.parse(text) as Reason[];
  } catch {
    return [];
  }
};

function readEvidence(sqlite: Database.Database, caseId: string): CaseEvidence {
  const caseRow = findCase(sqlite, caseId);
  if (!caseRow) throw new NotFoundError(`no case ${caseId}`);
  const decisions = caseDecisions(sqlite, caseId);
  const excluded = excludedMembers(sqlite, caseId);
  const memberHistory = memberDecisions(sqlite, caseId);
  const notes = caseNotesOf(sqlite, caseId);
  const audit = auditEntriesForCase(sqlite, caseId);
  const chainHead = auditHead(sqlite);
  const trail = trailStatus(sqlite);
  const storeTrail = { ok: trail.ok, firstBadSeq: trail.firstBadSeq, problem: trail.problems[0]?.what ?? null, signedHeadSeq: trail.signedHead?.seq ?? null };

  const alerts: CaseAlert[] = dbOf(sqlite)
    .select()
    .from(alertsTable)
    .where(eq(alertsTable.caseId, caseId))
    .orderBy(asc(alertsTable.day), asc(alertsTable.id))
    .all()
    .map(({ caseId: _case, ...a }) => ({ ...a, reasons: parseReasons(a.reasons) }));

  const { keys, ring, asOf: ringAsOf } = memberKeys(sqlite, caseRow);
  const run = sqlite
    .prepare(`SELECT as_of AS asOf, generated_at AS generatedAt, threshold, model_version AS modelVersion FROM detect_runs ORDER BY id DESC LIMIT 1`)
    .get() as DetectionFacts | undefined;

  // Members with their latest score (the ring's day for a ring, the account's newest day otherwise).
  const accountStmt = sqlite.prepare(
    `SELECT id AS key, account_id AS accountId, created_at AS createdAt, email, email_domain AS emailDomain, org_id AS orgId,
            plan, country, signup_ip AS signupIp, payment_fp AS paymentFp, verified FROM accounts WHERE id = ?`,
  );
  // Scores, rollups and prompts: the live rows and the case's own copies (lib/cases/case-copies.ts),
  // which outlive retention; where both hold a row, the live one.
  const scoreAtStmt = sqlite.prepare(
    `SELECT score, own_score, flagged, reasons, events FROM scores WHERE account = ? AND as_of = ?
     UNION ALL SELECT score, own_score, flagged, reasons, events FROM case_scores WHERE case_id = ? AND account = ? AND as_of = ? LIMIT 1`,
  );
  const latestScoreStmt = sqlite.prepare(
    `SELECT score, own_score, flagged, reasons, events FROM (
       SELECT as_of, 0 AS copy, score, own_score, flagged, reasons, events FROM scores WHERE account = ?
       UNION ALL SELECT as_of, 1, score, own_score, flagged, reasons, events FROM case_scores WHERE case_id = ? AND account = ?)
     ORDER BY as_of DESC, copy LIMIT 1`,
  );
  const members: MemberAccount[] = keys.map((key) => {
    const a = accountStmt.get(key) as Row;
    const s = (ringAsOf ? scoreAtStmt.get(key, ringAsOf, caseId, key, ringAsOf) : latestScoreStmt.get(key, caseId, key)) as
      | { score: number; own_score: number; flagged: number; reasons: string; events: number }
      | undefined;
    return {
      ...(a as Omit<MemberAccount, 'verified' | 'score' | 'ownScore' | 'flagged' | 'reasons' | 'windowEvents'>),
      verified: a.verified === null ? null : a.verified === 1,
      score: s?.score ?? null,
      ownScore: s?.own_score ?? null,
      flagged: s ? s.flagged === 1 : null,
      reasons: s ? parseReasons(s.reasons) : [],
      windowEvents: s?.events ?? 0,
    };
  });
  members.sort((x, y) => (y.score ?? -1) - (x.score ?? -1) || x.accountId.localeCompare(y.accountId));

  const identStmt = sqlite.prepare(`SELECT account, kind, value, events FROM account_identifiers WHERE account = ? ORDER BY kind, value`);
  const daysStmt = sqlite.prepare(
    `SELECT account, day, events, input_tokens AS inputTokens, output_tokens AS outputTokens, hours FROM account_days WHERE account = ?
     UNION ALL
     SELECT account, day, events, input_tokens, output_tokens, hours FROM case_account_days c
     WHERE case_id = ? AND account = ? AND NOT EXISTS (SELECT 1 FROM account_days d WHERE d.account = c.account AND d.day = c.day)
     ORDER BY day`,
  );
  const scoresStmt = sqlite.prepare(
    `SELECT account, as_of AS asOf, score, own_score AS ownScore, flagged, ring_id AS ringId, reasons, features, events FROM scores WHERE account = ?
     UNION ALL
     SELECT account, as_of, score, own_score, flagged, ring_id, reasons, features, events FROM case_scores c
     WHERE case_id = ? AND account = ? AND NOT EXISTS (SELECT 1 FROM scores s WHERE s.account = c.account AND s.as_of = c.as_of)
     ORDER BY asOf`,
  );
  const identifiers: IdentifierUse[] = [];
  const days: AccountDay[] = [];
  const scores: ScoreRow[] = [];
  for (const m of members) {
    identifiers.push(...(identStmt.all(m.key) as IdentifierUse[]));
    for (const d of daysStmt.all(m.key, caseId, m.key) as (Omit<AccountDay, 'hours'> & { hours: string })[]) {
      let hours: number[];
      try {
        hours = JSON.parse(d.hours) as number[];
      } catch {
        hours = [];
      }
      days.push({ ...d, hours: Array.from({ length: 24 }, (_, h) => Number(hours[h]) || 0) });
    }
    type StoredScore = Omit<ScoreRow, 'flagged' | 'reasons' | 'features'> & { flagged: number; reasons: string; features: string };
    for (const s of scoresStmt.all(m.key, caseId, m.key) as StoredScore[]) {
      let features: unknown = null;
      try {
        features = JSON.parse(s.features);
      } catch {
        features = s.features;
      }
      scores.push({ ...s, flagged: s.flagged === 1, reasons: parseReasons(s.reasons), features });
    }
  }

  // Shared identifiers: a ring's (as detection described them), or every identifier of a single account.
  const reachStmt = sqlite.prepare(`SELECT count(*) FROM account_identifiers WHERE kind = ? AND value = ?`).pluck();
  let shared: SharedIdentifier[];
  if (ring) {
    const row = sqlite.prepare(`SELECT shared FROM rings WHERE ring_id = ? AND as_of = ?`).pluck().get(ring.ringId, ring.asOf) as string;
    const list = JSON.parse(row) as { kind: string; value: string; accounts: number }[];
    shared = list.map((s) => ({ kind: s.kind, value: String(s.value), accounts: s.accounts, reach: reachStmt.get(s.kind, String(s.value)) as number }));
  } else {
    shared = identifiers.map((i) => ({ kind: i.kind, value: i.value, accounts: 1, reach: reachStmt.get(i.kind, i.value) as number }));
    shared.sort((x, y) => y.reach - x.reach || x.kind.localeCompare(y.kind));
  }

  const models = new Map(
    (sqlite.prepare(`SELECT id, value FROM dictionary WHERE kind = 'model'`).all() as { id: number; value: string }[]).map((r) => [r.id, r.value]),
  );
  const perAccount = caseRow.subjectKind === 'ring' ? EVENTS_SAMPLE.PER_ACCOUNT_RING : EVENTS_SAMPLE.PER_ACCOUNT_SINGLE;
  // A case's evidence outlives retention: its members' kept exchanges are read from the store and from the case's own copies (lib/cases/case-copies.ts).
  const promptColumns = `account, rid, request_id AS requestId, ts, model, capability, flags, template, chars,
            substr(text, 1, ${EVENTS_SAMPLE.MAX_CHARS}) AS text, substr(system_prompt, 1, ${EVENTS_SAMPLE.SYSTEM_MAX_CHARS}) AS systemPrompt`;
  // Each member's kept exchanges by their facts alone (no text): ranked by the member's reasons, the strongest few are read in full.
  const factsStmt = sqlite.prepare(
    `SELECT p.ts, p.rid, p.flags, coalesce(k.output_tokens, c.output_tokens) AS outputTokens,
            coalesce(k.reasoning_tokens, c.reasoning_tokens) AS reasoningTokens, coalesce(k.finish, c.finish) AS finish, coalesce(k.turn, c.turn) AS turn
     FROM (SELECT account, ts, rid, flags FROM prompts WHERE account = ? UNION SELECT account, ts, rid, flags FROM case_prompts WHERE case_id = ? AND account = ?) p
     LEFT JOIN prompts k ON k.account = p.account AND k.ts = p.ts AND k.rid = p.rid
     LEFT JOIN case_prompts c ON c.case_id = ? AND c.account = ? AND c.ts = p.ts AND c.rid = p.rid`,
  );
  const promptStmt = sqlite.prepare(
    `SELECT p.*, coalesce(k.output_tokens, c.output_tokens) AS outputTokens, coalesce(k.finish, c.finish) AS finish
     FROM (SELECT ${promptColumns} FROM prompts WHERE account = ? AND ts = ? AND rid = ?
           UNION SELECT ${promptColumns} FROM case_prompts WHERE case_id = ? AND account = ? AND ts = ? AND rid = ?) p
     LEFT JOIN prompts k ON k.account = p.account AND k.ts = p.ts AND k.rid = p.rid
     LEFT JOIN case_prompts c ON c.case_id = ? AND c.account = p.account AND c.ts = p.ts AND c.rid = p.rid LIMIT 1`,
  );
  const promptAt = (key: number, ts: number, rid: number) => promptStmt.get(key, ts, rid, caseId, key, ts, rid, caseId) as Row | undefined;
  const pinned = pinnedEvidenceText(sqlite, caseId, EVENTS_SAMPLE.MAX_CHARS);
  const pinnedKeys = new Set(pinned.map((x) => `${x.accountId}\u0000${x.requestId}`));
  const prompts: PromptSample[] = [];
  let promptsRetained = 0;
  const toSample = (p: Row): PromptSample => ({
    account: p.account as number,
    requestId: p.requestId as string,
    ts: p.ts as number,
    model: models.get(p.model as number) ?? `model#${p.model}`,
    capability: CAPABILITIES[p.capability as number] ?? `capability#${p.capability}`,
    flags: flagNames(p.flags as number),
    template: templateLabel(p.template as number),
    chars: p.chars as number,
    text: p.text as string,
    systemPrompt: (p.systemPrompt as string | null) ?? null,
    outputTokens: (p.outputTokens as number | null) ?? null,
    finishReason: p.finish ? FINISH_REASONS[p.finish as number] || null : null,
    pinned: false,
  });
  // Pinned exchanges lead the sample, whichever member sent them.
  const keyOf = new Map(members.map((m) => [m.accountId, m.key]));
  const pinnedRow = sqlite.prepare(
    `SELECT ts, rid FROM prompts WHERE account = ? AND request_id = ? UNION SELECT ts, rid FROM case_prompts WHERE case_id = ? AND account = ? AND request_id = ?`,
  );
  for (const pin of pinned) {
    const key = keyOf.get(pin.accountId);
    const at = key === undefined ? undefined : (pinnedRow.get(key, pin.requestId, caseId, key, pin.requestId) as { ts: number; rid: number } | undefined);
    const row = at && key !== undefined ? promptAt(key, at.ts, at.rid) : undefined;
    if (row) prompts.push({ ...toSample(row), pinned: true });
  }
  for (const m of members) {
    const facts = factsStmt.all(m.key, caseId, m.key, caseId, m.key) as { ts: number; rid: number; flags: number; outputTokens: number | null; reasoningTokens: number | null; finish: number | null; turn: number | null }[];
    promptsRetained += facts.length;
    if (prompts.length >= EVENTS_SAMPLE.TOTAL) continue;
    const ranked = rankEvidence(
      facts.map((f) => ({ ...f, flags: flagNames(f.flags), finishReason: f.finish ? FINISH_REASONS[f.finish] || null : null })),
      m.reasons,
    );
    let taken = 0;
    for (const { item } of ranked) {
      if (taken >= perAccount || prompts.length >= EVENTS_SAMPLE.TOTAL) break;
      const row = promptAt(m.key, item.ts, item.rid);
      if (!row || pinnedKeys.has(`${m.accountId}\u0000${row.requestId as string}`)) continue;
      prompts.push(toSample(row));
      taken++;
    }
  }

  return {
    caseRow,
    decisions,
    notes,
    audit,
    chainHead,
    storeTrail,
    alerts,
    detection: run ?? null,
    ring,
    members,
    excluded,
    memberDecisions: memberHistory,
    dispositions: dispositionsOf(sqlite, caseId),
    lineage: lineageOf(sqlite, caseId),
    shared,
    identifiers,
    days,
    scores,
    prompts,
    pinned,
    promptsRetained,
    graphViews: graphViews(sqlite, caseRow.id),
  };
}

/** Reads the case's evidence as one consistent snapshot. */
export function gatherCaseEvidence(sqlite: Database.Database, caseId: string): CaseEvidence {
  return sqlite.transaction(() => readEvidence(sqlite, caseId)).deferred();
}
