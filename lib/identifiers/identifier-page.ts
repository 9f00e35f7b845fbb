/**
 * One identifier's page: every account that used it in the latest detection
 * window (paginated, highest score first), each with its ring and the cases
 * that cover it, and when the accounts using it were first and last active.
 *
 * The store keeps no time per identifier (`account_identifiers` is a set per
 * account over the window), so "first and last seen" are the first and last
 * exchange of the accounts that used it, read from detection's score figures.
 * An e-mail address is not a linkage identifier; kind `email` reads the
 * accounts' records instead.
 */
import type Database from 'better-sqlite3';
import type { CaseStatus } from '../domain';
import { NotFoundError } from '../errors';
import type { PivotKind } from './kinds';
import { ringName, type SharedIdentifierLike } from '../domain/ring-name';

export const IDENTIFIER_PAGE_SIZE = 50;

export interface IdentifierAccount {
  accountId: string;
  score: number;
  flagged: boolean;
  /** Requests this account sent with the identifier in the window (null for e-mail). */
  events: number | null;
  firstSeen: string | null;
  lastSeen: string | null;
  ring: { ringId: string; size: number; score: number; flagged: boolean } | null;
  /** The account's own case, and its ring's. */
  accountCase: { caseId: string; status: CaseStatus } | null;
  ringCase: { caseId: string; status: CaseStatus } | null;
}

export interface IdentifierPage {
  kind: PivotKind;
  value: string;
  asOf: string | null;
  threshold: number | null;
  total: number;
  flagged: number;
  firstSeen: string | null;
  lastSeen: string | null;
  /** The rings its accounts belong to, largest share first. */
  rings: { ringId: string; name: string; accounts: number; size: number; score: number; flagged: boolean; caseId: string | null; status: CaseStatus | null }[];
  page: number;
  pageSize: number;
  accounts: IdentifierAccount[];
}

/** The accounts using the identifier, as a subquery yielding (account, events). */
function usersOf(kind: PivotKind): string {
  return kind === 'email'
    ? `SELECT id AS account, NULL AS events FROM accounts WHERE email = @value`
    : `SELECT account, events FROM account_identifiers WHERE kind = @kind AND value = @value`;
}

export function getIdentifierPage(sqlite: Database.Database, kind: PivotKind, value: string, page = 1, pageSize = IDENTIFIER_PAGE_SIZE): IdentifierPage {
  const run = sqlite.prepare(`SELECT as_of AS asOf, threshold FROM detect_runs ORDER BY id DESC LIMIT 1`).get() as { asOf: string; threshold: number } | undefined;
  const asOf = run?.asOf ?? null;
  const threshold = run?.threshold ?? null;
  const bind = { kind, value, asOf, threshold: threshold ?? 2 };
  const users = usersOf(kind);
  const summary = sqlite
    .prepare(
      `SELECT count(*) AS total,
              sum(coalesce(s.score, 0) >= @threshold) AS flagged,
              min(json_extract(s.features, '$.first_event')) AS firstSeen,
              max(json_extract(s.features, '$.last_event')) AS lastSeen
       FROM (${users}) u LEFT JOIN scores s ON s.account = u.account AND s.as_of = @asOf`,
    )
    .get(bind) as { total: number; flagged: number | null; firstSeen: string | null; lastSeen: string | null };
  if (summary.total === 0) throw new NotFoundError(`no account uses ${kind} ${value}`);

  const rings = (
    sqlite
      .prepare(
        `SELECT m.ring_id AS ringId, count(*) AS accounts, r.size, r.score, r.shared, c.id AS caseId, c.status
         FROM (${users}) u
         JOIN ring_members m ON m.account = u.account AND m.as_of = @asOf
         JOIN rings r ON r.ring_id = m.ring_id AND r.as_of = m.as_of
         LEFT JOIN cases c ON c.subject_kind = 'ring' AND c.subject_id = m.ring_id
         GROUP BY m.ring_id ORDER BY accounts DESC, r.score DESC, m.ring_id LIMIT 100`,
      )
      .all(bind) as { ringId: string; accounts: number; size: number; score: number; shared: string; caseId: string | null; status: CaseStatus | null }[]
  ).map(({ shared, ...r }) => ({ ...r, name: ringName(JSON.parse(shared) as SharedIdentifierLike[]), flagged: threshold !== null && r.score >= threshold }));

  const pages = Math.max(1, Math.ceil(summary.total / pageSize));
  const current = Math.min(Math.max(1, page), pages);
  const rows = sqlite
    .prepare(
      `SELECT a.account_id AS accountId, coalesce(s.score, 0) AS score, u.events,
              json_extract(s.features, '$.first_event') AS firstSeen, json_extract(s.features, '$.last_event') AS lastSeen,
              m.ring_id AS ringId, r.size AS ringSize, r.score AS ringScore,
              ac.id AS accountCaseId, ac.status AS accountCaseStatus, rc.id AS ringCaseId, rc.status AS ringCaseStatus
       FROM (${users}) u
       JOIN accounts a ON a.id = u.account
       LEFT JOIN scores s ON s.account = u.account AND s.as_of = @asOf
       LEFT JOIN ring_members m ON m.account = u.account AND m.as_of = @asOf
       LEFT JOIN rings r ON r.ring_id = m.ring_id AND r.as_of = m.as_of
       LEFT JOIN cases ac ON ac.subject_kind = 'account' AND ac.subject_id = a.account_id
       LEFT JOIN cases rc ON rc.subject_kind = 'ring' AND rc.subject_id = m.ring_id
       ORDER BY score DESC, a.account_id
       LIMIT @limit OFFSET @offset`,
    )
    .all({ ...bind, limit: pageSize, offset: (current - 1) * pageSize }) as {
    accountId: string;
    score: number;
    events: number | null;
    firstSeen: string | null;
    lastSeen: string | null;
    ringId: string | null;
    ringSize: number | null;
    ringScore: number | null;
    accountCaseId: string | null;
    accountCaseStatus: CaseStatus | null;
    ringCaseId: string | null;
    ringCaseStatus: CaseStatus | null;
  }[];
  return {
    kind,
    value,
    asOf,
    threshold,
    total: summary.total,
    flagged: summary.flagged ?? 0,
    firstSeen: summary.firstSeen,
    lastSeen: summary.lastSeen,
    rings,
    page: current,
    pageSize,
    accounts: rows.map((r) => ({
      accountId: r.accountId,
      score: r.score,
      flagged: threshold !== null && r.score >= threshold,
      events: r.events,
      firstSeen: r.firstSeen,
      lastSeen: r.lastSeen,
      ring:
        r.ringId === null
          ? null
          : { ringId: r.ringId, size: r.ringSize ?? 0, score: r.ringScore ?? 0, flagged: threshold !== null && (r.ringScore ?? 0) >= threshold },
      accountCase: r.accountCaseId && r.accountCaseStatus ? { caseId: r.accountCaseId, status: r.accountCaseStatus } : null,
      ringCase: r.ringCaseId && r.ringCaseStatus ? { caseId: r.ringCaseId, status: r.ringCaseStatus } : null,
    })),
  };
}
