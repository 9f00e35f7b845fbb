/**
 * Reading the alert queue and the overview's figures. Functions take the
 * database first and return plain JSON-able objects: the API answers them
 * as they are and the pages hand them to TanStack Query on the server, so
 * the first paint and later fetches show the same shape.
 *
 * The queue is paginated on the server. A day's alerts are filtered by their
 * case's status through the alert's own copy of it (`case_status`, kept by
 * triggers) and read in order through an index on (day, case status, sort
 * key): the count is an index range and the first page stops after its rows,
 * joined to their cases for version and assignee; a 50,000-alert day costs a
 * few milliseconds, not a lookup of every case.
 */
import type Database from 'better-sqlite3';
import { REASON_CODES, type Reason, type ReasonCode } from '../domain/reason-codes';
import type { AlertKind, CaseStatus, DecisionAction, SubjectKind } from '../domain';
import { deadlineState, DEFAULT_DIR, REVIEW_DEADLINE_MS, type AlertView, type DeadlineState } from './view';
import { leadsDecideCases } from '../cases/leads-decide';
import { ringNames } from '../cases/ring-names';

export interface QueueRow {
  alertId: number;
  day: string;
  kind: AlertKind;
  subjectKind: SubjectKind;
  subjectId: string;
  caseId: string;
  caseVersion: number;
  status: CaseStatus;
  /** The case is, or once was, escalated, or a lead or legal decided it: only leads and legal decide it. */
  leadsDecide: boolean;
  assignee: string | null;
  score: number;
  /** The largest reasons, at most three. */
  reasons: { code: ReasonCode; weight: number }[];
  ringId: string | null;
  plan: string | null;
  accounts: number;
  createdAt: number;
  ageMs: number;
  deadline: DeadlineState;
  /** The tie-break behind a tied score (lib/alerts/priority.ts); null where detection has not written them. */
  outputTokens: number | null;
  eventsWeek: number | null;
  eventsPrevWeek: number | null;
  growth: number | null;
  /** The case is snoozed until this time (epoch ms), or null; a past time has woken. */
  snoozedUntil: number | null;
  /** A ring's human-readable name (lib/domain/ring-name.ts); null for an account or an unknown ring. */
  subjectName: string | null;
  /** The name of `ringId`'s ring, or null. */
  ringName: string | null;
}

export interface AlertQueue {
  /** The day shown: the view's, or the newest day with alerts. */
  day: string | null;
  rows: QueueRow[];
  total: number;
  page: number;
  pageSize: number;
  /** When ages were computed (epoch ms). */
  now: number;
}

/** Each sort's columns, the first one the sort's own; a tied score falls to the tie-break (lib/alerts/priority.ts). */
const SORT_SQL: Record<AlertView['sort'], string[]> = {
  score: ['a.score', 'a.output_tokens', 'a.accounts', 'a.growth'],
  // Older alerts have larger ages: "age desc" is "created_at asc".
  age: ['a.created_at'],
  subject: ['a.subject_id'],
  accounts: ['a.accounts', 'a.score', 'a.output_tokens'],
};

/** The newest day that has alerts (the as-of day of the latest detection), or null. */
export function latestAlertDay(sqlite: Database.Database): string | null {
  const row = sqlite.prepare(`SELECT max(day) AS day FROM alerts`).get() as { day: string | null };
  return row.day;
}

/** Days that can be chosen in the queue: detection's as-of days, newest first. */
export function alertDays(sqlite: Database.Database, limit = 90): string[] {
  const fromRuns = (sqlite.prepare(`SELECT DISTINCT as_of AS day FROM detect_runs ORDER BY as_of DESC LIMIT ?`).all(limit) as { day: string }[]).map(
    (r) => r.day,
  );
  const latest = latestAlertDay(sqlite);
  if (latest && !fromRuns.includes(latest)) fromRuns.unshift(latest);
  return fromRuns;
}

function whereOf(view: AlertView, day: string, now: number): { sql: string; params: unknown[] } {
  const clauses = ['a.day = ?'];
  const params: unknown[] = [day];
  const add = (sql: string, ...values: unknown[]) => {
    clauses.push(sql);
    params.push(...values);
  };
  // The alert's copy of its case's status (kept by triggers): filtered through an index, no join.
  if (view.status !== 'all') add('a.case_status = ?', view.status);
  if (view.min_score !== undefined) add('a.score >= ?', view.min_score);
  if (view.max_score !== undefined) add('a.score <= ?', view.max_score);
  // Any of the alert's reasons: its bit in the alert's reason_bits (kept by triggers from reasons), read from an index.
  if (view.reason) add(`(a.reason_bits & ?) != 0`, 2 ** REASON_CODES.indexOf(view.reason));
  if (view.ring) add('a.ring_id = ?', view.ring);
  if (view.plan) add('a.plan = ?', view.plan);
  if (view.kind) add('a.subject_kind = ?', view.kind);
  if (view.assignee === 'unassigned') add('c.assignee IS NULL');
  else if (view.assignee) add('c.assignee = ?', view.assignee);
  // Snoozes wake by date: no job clears them, the queue compares with now.
  if (view.snoozed === 'hide') add('(a.snoozed_until IS NULL OR a.snoozed_until <= ?)', now);
  else if (view.snoozed === 'only') add('a.snoozed_until > ?', now);
  if (view.q) {
    const q = view.q.trim().toLowerCase();
    add(`(instr(lower(a.subject_id), ?) > 0 OR a.case_id = ? OR a.ring_id = ?)`, q, q, q);
  }
  return { sql: clauses.join(' AND '), params };
}

/** A queue row as SQLite returns it: reasons as JSON, no age or deadline yet. */
interface RawQueueRow extends Omit<QueueRow, 'reasons' | 'ageMs' | 'deadline' | 'leadsDecide' | 'subjectName' | 'ringName'> {
  reasons: string;
}

export function getAlertQueue(sqlite: Database.Database, view: AlertView, now = Date.now()): AlertQueue {
  const day = view.day ?? latestAlertDay(sqlite);
  const pageSize = view.page_size;
  if (!day) return { day: null, rows: [], total: 0, page: 1, pageSize, now };
  const where = whereOf(view, day, now);
  const from = `FROM alerts a JOIN cases c ON c.id = a.case_id WHERE ${where.sql}`;
  // Counted without the cases unless the view filters on the assignee: an index range, not 50,000 lookups.
  const countFrom = view.assignee ? from : `FROM alerts a WHERE ${where.sql}`;
  const total = (sqlite.prepare(`SELECT count(*) AS n ${countFrom}`).get(...where.params) as { n: number }).n;
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(view.page, lastPage);
  const dir = (view.dir ?? DEFAULT_DIR[view.sort]) === 'asc' ? 'ASC' : 'DESC';
  // For age, "descending age" means the oldest creation time first.
  const sqlDir = view.sort === 'age' ? (dir === 'ASC' ? 'DESC' : 'ASC') : dir;
  const raw = sqlite
    .prepare(
      `SELECT a.id AS alertId, a.day, a.kind, a.subject_kind AS subjectKind, a.subject_id AS subjectId, a.case_id AS caseId,
              c.version AS caseVersion, c.status, c.assignee, a.score, a.reasons, a.ring_id AS ringId, a.plan, a.accounts,
              a.created_at AS createdAt, a.output_tokens AS outputTokens, a.events_week AS eventsWeek,
              a.events_prev_week AS eventsPrevWeek, a.growth, a.snoozed_until AS snoozedUntil
       ${from}
       ORDER BY ${SORT_SQL[view.sort].map((col) => `${col} ${sqlDir}`).join(', ')}, a.id ${sqlDir}
       LIMIT ? OFFSET ?`,
    )
    .all(...where.params, pageSize, (page - 1) * pageSize) as RawQueueRow[];
  // Asked for the page's cases only, not in the query above (which would ask it of every row it sorts).
  const leadsOnly = leadsDecideCases(sqlite, [...new Set(raw.map((r) => r.caseId))]);
  const names = ringNames(sqlite, [...new Set(raw.flatMap((r) => [...(r.subjectKind === 'ring' ? [r.subjectId] : []), ...(r.ringId ? [r.ringId] : [])]))]);
  const rows = raw.map((r): QueueRow => {
    const reasons = (JSON.parse(r.reasons) as Reason[]).slice(0, 3).map((x) => ({ code: x.code, weight: x.weight }));
    const ageMs = Math.max(0, now - r.createdAt);
    const leadsDecide = leadsOnly.has(r.caseId);
    const subjectName = r.subjectKind === 'ring' ? (names.get(r.subjectId) ?? null) : null;
    const ringName = r.ringId ? (names.get(r.ringId) ?? null) : null;
    return { ...r, leadsDecide, reasons, ageMs, deadline: deadlineState(ageMs, r.status), subjectName, ringName };
  });
  return { day, rows, total, page, pageSize, now };
}

export interface NextUnassigned {
  caseId: string;
  caseVersion: number;
  subjectKind: SubjectKind;
  subjectId: string;
  openedAt: number;
}

/**
 * The oldest open case nobody is working, that has at least one alert: the
 * one closest to breaching its review deadline. Run it inside the write
 * transaction that assigns the case, so two analysts never get the same one.
 */
export function nextUnassigned(sqlite: Database.Database): NextUnassigned | null {
  const row = sqlite
    .prepare(
      `SELECT c.id AS caseId, c.version AS caseVersion, c.subject_kind AS subjectKind, c.subject_id AS subjectId, c.opened_at AS openedAt
       FROM cases c
       WHERE c.status = 'open' AND c.assignee IS NULL AND EXISTS (SELECT 1 FROM alerts a WHERE a.case_id = c.id)
       ORDER BY c.opened_at, c.id
       LIMIT 1`,
    )
    .get() as NextUnassigned | undefined;
  return row ?? null;
}

/** Where a queue row opens: the subject's page. */
export function subjectPath(kind: SubjectKind, id: string): string {
  return kind === 'ring' ? `/rings/${encodeURIComponent(id)}` : `/accounts/${encodeURIComponent(id)}`;
}

// ------------------------------------------------------------- overview ---

export interface Overview {
  day: string | null;
  now: number;
  queue: {
    /** Alerts of the newest day whose case is still open. */
    open: number;
    /** Alerts raised on the newest day, and on the day before it. */
    raised: number;
    raisedBefore: number | null;
    previousDay: string | null;
    /** Open cases past the review deadline, across all days. */
    breached: number;
    /** Open cases of any day, and escalated ones waiting for a lead. */
    backlog: number;
    escalated: number;
  };
  alertsPerDay: { day: string; ring: number; account: number }[];
  largestRings: { ringId: string; size: number; score: number; summary: string; caseId: string | null; status: CaseStatus | null }[];
  decisionsToday: { total: number; byAction: Record<DecisionAction, number>; analysts: number; since: number };
  scores: { asOf: string | null; threshold: number | null; total: number; flagged: number; bins: { from: number; to: number; count: number }[] };
}

const BINS = 20;

/** Alerts per day change only when detection writes; keep the last answer until then. */
const perDayCache = new Map<string, Overview['alertsPerDay']>();

function alertsPerDay(sqlite: Database.Database, days: number): Overview['alertsPerDay'] {
  const stamp = sqlite.prepare(`SELECT max(id) AS id, count(*) AS n FROM alerts`).get() as { id: number | null; n: number };
  const key = `${stamp.id}:${stamp.n}:${days}`;
  const cached = perDayCache.get(key);
  if (cached) return cached;
  const rows = sqlite
    .prepare(
      `SELECT day, sum(subject_kind = 'ring') AS ring, sum(subject_kind = 'account') AS account
       FROM alerts WHERE day >= (SELECT date(max(day), ?) FROM alerts) GROUP BY day ORDER BY day`,
    )
    .all(`-${days - 1} days`) as { day: string; ring: number; account: number }[];
  perDayCache.clear();
  perDayCache.set(key, rows);
  return rows;
}

function startOfUtcDay(now: number): number {
  return Math.floor(now / 86_400_000) * 86_400_000;
}

export function getOverview(sqlite: Database.Database, now = Date.now(), days = 30): Overview {
  const day = latestAlertDay(sqlite);
  const count = (sql: string, ...params: unknown[]) => (sqlite.prepare(sql).get(...params) as { n: number }).n;
  const previousDay = day
    ? ((sqlite.prepare(`SELECT max(day) AS d FROM alerts WHERE day < ?`).get(day) as { d: string | null }).d ?? null)
    : null;
  const queue = {
    open: day ? count(`SELECT count(*) AS n FROM alerts WHERE day = ? AND case_status = 'open'`, day) : 0,
    raised: day ? count(`SELECT count(*) AS n FROM alerts WHERE day = ?`, day) : 0,
    raisedBefore: previousDay ? count(`SELECT count(*) AS n FROM alerts WHERE day = ?`, previousDay) : null,
    previousDay,
    breached: count(`SELECT count(*) AS n FROM cases WHERE status = 'open' AND opened_at <= ?`, now - REVIEW_DEADLINE_MS),
    backlog: count(`SELECT count(*) AS n FROM cases WHERE status = 'open'`),
    escalated: count(`SELECT count(*) AS n FROM cases WHERE status = 'escalated'`),
  };

  const ringAsOf = (sqlite.prepare(`SELECT max(as_of) AS d FROM rings`).get() as { d: string | null }).d;
  const largestRings = ringAsOf
    ? (
        sqlite
          .prepare(
            `SELECT r.ring_id AS ringId, r.size, r.score, r.summary, c.id AS caseId, c.status
             FROM rings r LEFT JOIN cases c ON c.subject_kind = 'ring' AND c.subject_id = r.ring_id
             WHERE r.as_of = ? ORDER BY r.size DESC, r.score DESC LIMIT 6`,
          )
          .all(ringAsOf) as Overview['largestRings']
      )
    : [];

  const since = startOfUtcDay(now);
  const byAction: Record<DecisionAction, number> = { confirm: 0, dismiss: 0, escalate: 0 };
  let analysts = 0;
  const decided = sqlite
    .prepare(`SELECT action, count(*) AS n FROM decisions WHERE at >= ? GROUP BY action`)
    .all(since) as { action: DecisionAction; n: number }[];
  for (const d of decided) byAction[d.action] = d.n;
  if (decided.length) analysts = count(`SELECT count(DISTINCT author) AS n FROM decisions WHERE at >= ?`, since);
  const total = byAction.confirm + byAction.dismiss + byAction.escalate;

  const run = sqlite.prepare(`SELECT as_of AS asOf, threshold FROM detect_runs ORDER BY id DESC LIMIT 1`).get() as
    | { asOf: string; threshold: number }
    | undefined;
  const bins = Array.from({ length: BINS }, (_, i) => ({ from: i / BINS, to: (i + 1) / BINS, count: 0 }));
  let scored = 0;
  let flagged = 0;
  if (run) {
    // Accounts with no events in the window are scored 0 by rule; they are not part of the distribution.
    for (const b of sqlite
      .prepare(`SELECT min(CAST(score * ? AS INTEGER), ? - 1) AS bin, count(*) AS n FROM scores WHERE as_of = ? AND events > 0 GROUP BY bin`)
      .all(BINS, BINS, run.asOf) as { bin: number; n: number }[]) {
      bins[b.bin].count = b.n;
      scored += b.n;
    }
    flagged = count(`SELECT count(*) AS n FROM scores WHERE as_of = ? AND score >= ?`, run.asOf, run.threshold);
  }

  return {
    day,
    now,
    queue,
    alertsPerDay: alertsPerDay(sqlite, days),
    largestRings,
    decisionsToday: { total, byAction, analysts, since },
    scores: { asOf: run?.asOf ?? null, threshold: run?.threshold ?? null, total: scored, flagged, bins },
  };
}
