/**
 * Reading one account for its page: the profile, the latest score with its
 * reasons and raw features, the score history, the daily rollups (requests,
 * tokens, activity by hour), the identifiers it uses and how many accounts
 * share each, its ring and case, and its evidence prompts (paginated).
 * Nothing here scans `events`: detection's rollups answer everything.
 *
 * Prompt text is attacker-written and returned as it was stored; the page
 * renders it as text only.
 */
import type Database from 'better-sqlite3';
import { and, eq, sql } from 'drizzle-orm';
import { dbOf } from '../../db/client';
import { accounts, cases } from '../../db/schema';
import type { Reason, ReasonCode } from '../domain/reason-codes';
import { rankEvidence, reasonsCarried } from '../domain/evidence-strength';
import { CAPABILITIES, FINISH_REASONS, PromptFlag, type PromptFlagName, type SubjectKind } from '../domain';
import { NotFoundError } from '../errors';
import { leadsDecide } from '../cases/leads-decide';

/** The raw figures detection keeps with a score (lib/detect/evidence-summary.ts). */
export interface ScoreFeatures {
  events: number;
  first_event?: string;
  last_event?: string;
  input_tokens?: number;
  output_tokens?: number;
  avg_output_tokens?: number | null;
  cot_share?: number | null;
  rubric_share?: number | null;
  safe_rewrite_share?: number | null;
  at_cap_share?: number | null;
  follow_up_share?: number | null;
  top5_template_share?: number | null;
  templates?: number;
  active_hours?: number;
  active_days?: number;
  gap_variation?: number | null;
  minute_concentration?: number | null;
  distinct_ips?: number;
  networks?: number;
  clients?: number;
  capabilities?: Record<string, number>;
  signals?: Record<string, number | null>;
}

/** An account's record as its page shows it. */
export type AccountProfile = Omit<typeof accounts.$inferSelect, 'id' | 'updatedAt'>;

export interface AccountScore {
  asOf: string;
  score: number;
  ownScore: number;
  flagged: boolean;
  threshold: number | null;
  ringId: string | null;
  reasons: Reason[];
  features: ScoreFeatures;
  events: number;
}

export interface AccountDay {
  day: string;
  events: number;
  inputTokens: number;
  outputTokens: number;
  /** Requests per UTC hour, 24 values. */
  hours: number[];
}

export interface AccountIdentifier {
  kind: string;
  value: string;
  /** How many accounts use this identifier (this one included). */
  accounts: number;
}

/** The case of a subject, as its page links to it. */
export type CaseLink = Pick<typeof cases.$inferSelect, 'status' | 'assignee' | 'subjectKind' | 'subjectId' | 'version'> & {
  caseId: string;
  /** The case is, or once was, escalated, or a lead or legal decided it: only leads and legal decide it. */
  leadsDecide: boolean;
};

export interface AccountDetail {
  account: AccountProfile;
  score: AccountScore | null;
  history: { asOf: string; score: number; ownScore: number; flagged: boolean }[];
  /** The detection window's days, oldest first; days without traffic are present with zeros. */
  days: AccountDay[];
  identifiers: AccountIdentifier[];
  ring: { ringId: string; asOf: string; size: number; score: number; summary: string } | null;
  /** The account's own case, else its ring's. */
  case: CaseLink | null;
  prompts: number;
}

const IDENTIFIER_LIMIT = 200;
const DAY_MS = 86_400_000;

function findAccount(sqlite: Database.Database, accountId: string): typeof accounts.$inferSelect {
  const row = dbOf(sqlite).select().from(accounts).where(eq(accounts.accountId, accountId)).get();
  if (!row) throw new NotFoundError(`no account ${accountId}`);
  return row;
}

/** The internal key of an account, or a NotFoundError. */
export function accountKey(sqlite: Database.Database, accountId: string): number {
  return findAccount(sqlite, accountId).id;
}

function windowDays(asOf: string, days: number): string[] {
  const end = Date.parse(`${asOf}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(end - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

export function caseFor(sqlite: Database.Database, kind: SubjectKind, id: string): CaseLink | null {
  return (
    dbOf(sqlite)
      .select({
        caseId: cases.id,
        status: cases.status,
        assignee: cases.assignee,
        subjectKind: cases.subjectKind,
        subjectId: cases.subjectId,
        version: cases.version,
        leadsDecide: sql`${leadsDecide}`.mapWith((v) => v === 1),
      })
      .from(cases)
      .where(and(eq(cases.subjectKind, kind), eq(cases.subjectId, id)))
      .get() ?? null
  );
}

export function getAccountDetail(sqlite: Database.Database, accountId: string): AccountDetail {
  const row = findAccount(sqlite, accountId);
  const { id: _key, updatedAt: _updated, ...account } = row;

  const latest = sqlite
    .prepare(
      `SELECT s.as_of AS asOf, s.score, s.own_score AS ownScore, s.flagged, s.ring_id AS ringId, s.reasons, s.features, s.events,
              (SELECT threshold FROM detect_runs d WHERE d.id = s.run) AS threshold
       FROM scores s WHERE s.account = ? ORDER BY s.as_of DESC LIMIT 1`,
    )
    .get(row.id) as
    | { asOf: string; score: number; ownScore: number; flagged: number; ringId: string | null; reasons: string; features: string; events: number; threshold: number | null }
    | undefined;
  const score: AccountScore | null = latest
    ? {
        asOf: latest.asOf,
        score: latest.score,
        ownScore: latest.ownScore,
        flagged: latest.flagged === 1,
        threshold: latest.threshold,
        ringId: latest.ringId,
        reasons: JSON.parse(latest.reasons) as Reason[],
        features: JSON.parse(latest.features) as ScoreFeatures,
        events: latest.events,
      }
    : null;

  const history = (
    sqlite
      .prepare(`SELECT as_of AS asOf, score, own_score AS ownScore, flagged FROM scores WHERE account = ? ORDER BY as_of`)
      .all(row.id) as { asOf: string; score: number; ownScore: number; flagged: number }[]
  ).map((h) => ({ ...h, flagged: h.flagged === 1 }));

  let days: AccountDay[] = [];
  if (score) {
    const run = sqlite.prepare(`SELECT window_days AS n FROM detect_runs WHERE as_of = ? ORDER BY id DESC LIMIT 1`).get(score.asOf) as
      | { n: number }
      | undefined;
    const span = windowDays(score.asOf, run?.n ?? 30);
    const stored = new Map(
      (
        sqlite
          .prepare(
            `SELECT day, events, input_tokens AS inputTokens, output_tokens AS outputTokens, hours
             FROM account_days WHERE account = ? AND day >= ? AND day <= ?`,
          )
          .all(row.id, span[0], span[span.length - 1]) as { day: string; events: number; inputTokens: number; outputTokens: number; hours: string }[]
      ).map((d) => [d.day, d]),
    );
    days = span.map((day) => {
      const d = stored.get(day);
      return d
        ? { day, events: d.events, inputTokens: d.inputTokens, outputTokens: d.outputTokens, hours: JSON.parse(d.hours) as number[] }
        : { day, events: 0, inputTokens: 0, outputTokens: 0, hours: new Array<number>(24).fill(0) };
    });
  }

  const shareCount = sqlite.prepare(`SELECT count(*) AS n FROM account_identifiers WHERE kind = ? AND value = ?`);
  const identifiers = (
    sqlite
      .prepare(`SELECT kind, value, events FROM account_identifiers WHERE account = ? ORDER BY kind, value LIMIT ?`)
      .all(row.id, IDENTIFIER_LIMIT) as { kind: string; value: string }[]
  )
    .map((i) => ({ kind: i.kind, value: i.value, accounts: (shareCount.get(i.kind, i.value) as { n: number }).n }))
    .sort((a, b) => b.accounts - a.accounts || a.kind.localeCompare(b.kind) || a.value.localeCompare(b.value));

  const ringRow = sqlite
    .prepare(
      `SELECT r.ring_id AS ringId, r.as_of AS asOf, r.size, r.score, r.summary
       FROM ring_members m JOIN rings r ON r.ring_id = m.ring_id AND r.as_of = m.as_of
       WHERE m.account = ? ORDER BY m.as_of DESC LIMIT 1`,
    )
    .get(row.id) as AccountDetail['ring'] | undefined;
  const ring = ringRow ?? null;

  const ownCase = caseFor(sqlite, 'account', row.accountId);
  const kase = ownCase ?? (ring ? caseFor(sqlite, 'ring', ring.ringId) : null);
  const prompts = (sqlite.prepare(`SELECT count(*) AS n FROM prompts WHERE account = ?`).get(row.id) as { n: number }).n;

  return { account, score, history, days, identifiers, ring, case: kase, prompts };
}

// --------------------------------------------------------------- prompts ---

export interface EvidencePrompt {
  requestId: string;
  ts: number;
  model: string | null;
  capability: string;
  flags: PromptFlagName[];
  template: string;
  /** Length of the prompt as sent. */
  chars: number;
  /** The stored text, cut at TEXT_LIMIT characters for transport. */
  text: string;
  /** Characters of the original prompt not included in `text`. */
  omitted: number;
  systemPrompt: string | null;
  /** The response, from the exchange's event: its token counts and why it stopped (null when not recorded). */
  inputTokens: number | null;
  outputTokens: number | null;
  reasoningTokens: number | null;
  maxTokens: number | null;
  finishReason: string | null;
  turn: number | null;
  /** The account's reasons this exchange is an example of (lib/domain/evidence-strength.ts). */
  carries: ReasonCode[];
  /** The reason this exchange is the strongest example of, when it leads the sample for one. */
  exampleOf: ReasonCode | null;
}

export interface PromptPage {
  prompts: EvidencePrompt[];
  total: number;
  page: number;
  pageSize: number;
}

/** Beyond this the page says how much more there was; evidence files carry the full text. */
export const TEXT_LIMIT = 20_000;

const FLAG_NAMES = Object.keys(PromptFlag) as PromptFlagName[];

export function flagNames(bits: number): PromptFlagName[] {
  return FLAG_NAMES.filter((name) => (bits & PromptFlag[name]) !== 0);
}

export interface PromptFilter {
  /** Only prompts with this flag set. */
  flag?: PromptFlagName;
  /** `reasons` (default): the strongest example of each reason first; `newest`: by time. */
  order?: PromptOrder;
}

export const PROMPT_ORDERS = ['reasons', 'newest'] as const;
export type PromptOrder = (typeof PROMPT_ORDERS)[number];

export function getAccountPrompts(
  sqlite: Database.Database,
  accountId: string,
  page: { page: number; pageSize: number },
  filter: PromptFilter = {},
): PromptPage {
  const key = accountKey(sqlite, accountId);
  const flagSql = filter.flag ? ` AND (p.flags & ${PromptFlag[filter.flag]}) != 0` : '';
  // An account keeps at most a few dozen prompts (lib/ingest/retention.ts): rank them all, then page.
  const rows = sqlite
    .prepare(
      `SELECT p.request_id AS requestId, p.ts, d.value AS model, p.capability, p.flags, p.template, p.chars,
              substr(p.text, 1, ?) AS text, p.system_prompt AS systemPrompt,
              p.input_tokens AS inputTokens, p.output_tokens AS outputTokens, p.reasoning_tokens AS reasoningTokens,
              p.max_tokens AS maxTokens, p.finish, p.turn
       FROM prompts p LEFT JOIN dictionary d ON d.id = p.model
       WHERE p.account = ?${flagSql}
       ORDER BY p.ts DESC, p.rid`,
    )
    .all(TEXT_LIMIT, key) as {
    requestId: string;
    ts: number;
    model: string | null;
    capability: number;
    flags: number;
    template: number;
    chars: number;
    text: string;
    systemPrompt: string | null;
    inputTokens: number | null;
    outputTokens: number | null;
    reasoningTokens: number | null;
    maxTokens: number | null;
    finish: number | null;
    turn: number | null;
  }[];
  const latest = sqlite.prepare(`SELECT reasons FROM scores WHERE account = ? ORDER BY as_of DESC LIMIT 1`).get(key) as { reasons: string } | undefined;
  const reasons = latest ? (JSON.parse(latest.reasons) as Reason[]) : [];
  const facts = rows.map((r) => ({
    ...r,
    flagList: flagNames(r.flags),
    finishReason: r.finish ? (FINISH_REASONS[r.finish] ?? null) || null : null,
  }));
  const ranked = rankEvidence(
    facts.map((f) => ({ ...f, flags: f.flagList })),
    filter.order === 'newest' ? [] : reasons,
  );
  const ordered = filter.order === 'newest' ? ranked.sort((a, b) => b.item.ts - a.item.ts) : ranked;
  // Carried reasons are named in either order.
  const codes = reasons.filter((r) => r.weight > 0).map((r) => r.code);
  const total = ordered.length;
  return {
    prompts: ordered.slice((page.page - 1) * page.pageSize, page.page * page.pageSize).map(({ item: r, exampleOf }) => ({
      requestId: r.requestId,
      ts: r.ts,
      model: r.model,
      capability: CAPABILITIES[r.capability] ?? `capability ${r.capability}`,
      flags: r.flagList,
      template: (r.template >>> 0).toString(16),
      chars: r.chars,
      text: r.text,
      omitted: Math.max(0, r.chars - r.text.length),
      systemPrompt: r.systemPrompt === null ? null : r.systemPrompt.slice(0, TEXT_LIMIT),
      inputTokens: r.inputTokens,
      outputTokens: r.outputTokens,
      reasoningTokens: r.reasoningTokens,
      maxTokens: r.maxTokens,
      finishReason: r.finishReason,
      turn: r.turn,
      carries: reasonsCarried(r, codes),
      exampleOf,
    })),
    total,
    page: page.page,
    pageSize: page.pageSize,
  };
}
