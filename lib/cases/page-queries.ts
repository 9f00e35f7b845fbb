/**
 * What the case pages show: the list (filtered, paged) and one case with
 * its alerts, decisions, notes, audit trail (with its hash chain checked
 * here, on the server), the case files exported so far, and what the
 * viewer may do (the buttons a page shows; the server checks again).
 */
import { excludedMembers, type ExcludedMember } from './member-decisions';
import { caseMembers, mergedInto } from './case-lineage';
import { currentDispositions } from './dispositions';
import { ringNames } from './ring-names';
import type { Disposition } from '../domain';
import { pinnedEvidenceText, type PinnedExchangeText } from './evidence-pins';

/** How much of a pinned prompt the case page carries (the account page shows it all). */
const PINNED_TEXT_LIMIT = 4000;
import type Database from 'better-sqlite3';
import { count, desc, eq } from 'drizzle-orm';
import { dbOf } from '../../db/client';
import { alerts as alertsTable, cases } from '../../db/schema';
import { verifyAuditChain, type AuditEntry } from '../audit/chain';
import { trailStatus } from '../audit/trail-status';
import { can, type Actor } from '../auth/permissions';
import type { Reason } from '../domain/reason-codes';
import { CASE_STATUSES, DECISION_ACTIONS, STATUS_AFTER, SUBJECT_KINDS, type CaseStatus, type DecisionAction, type SubjectKind } from '../domain';
import type { CaseRow } from './case-row';
import { leadsOnly, leadsOnlyNotice, requiredPermission } from './leads-decide';
import { getCase, listCases, type CaseDetail, type CasePage } from './queries';

export const CASES_PAGE_SIZE = 50;

export interface CaseListQuery {
  status?: CaseStatus;
  kind?: SubjectKind;
  page: number;
}

/** Reads the list's URL search params leniently: anything unknown is ignored. */
export function caseListQuery(params: Record<string, string | string[] | undefined>): CaseListQuery {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const status = one(params.status);
  const kind = one(params.kind);
  const page = Number(one(params.page));
  return {
    status: (CASE_STATUSES as readonly string[]).includes(status ?? '') ? (status as CaseStatus) : undefined,
    kind: (SUBJECT_KINDS as readonly string[]).includes(kind ?? '') ? (kind as SubjectKind) : undefined,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

export interface CaseListPage extends CasePage {
  query: CaseListQuery;
  pages: number;
  /** Ring cases' human-readable subject names (lib/domain/ring-name.ts), by case id. */
  names: Record<string, string>;
  /** Closed cases' current dispositions, by case id. */
  dispositions: Record<string, Disposition>;
  /** Cases per status, whatever the filter (for the filter's counts). */
  counts: Record<CaseStatus, number>;
}

export function caseListPage(sqlite: Database.Database, query: CaseListQuery): CaseListPage {
  const pageSize = CASES_PAGE_SIZE;
  const result = listCases(sqlite, { status: query.status, subjectKind: query.kind }, { page: query.page, pageSize });
  const counts = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  const byStatus = dbOf(sqlite)
    .select({ status: cases.status, n: count() })
    .from(cases)
    .where(query.kind ? eq(cases.subjectKind, query.kind) : undefined)
    .groupBy(cases.status)
    .all();
  for (const r of byStatus) counts[r.status] = r.n;
  const ringCases = result.cases.filter((c) => c.subjectKind === 'ring');
  const byRing = ringNames(sqlite, ringCases.map((c) => c.subjectId));
  const names = Object.fromEntries(ringCases.flatMap((c) => (byRing.has(c.subjectId) ? [[c.id, byRing.get(c.subjectId)!]] : [])));
  const dispositions = Object.fromEntries(currentDispositions(sqlite, result.cases.map((c) => c.id)));
  return { ...result, query, pages: Math.max(1, Math.ceil(result.total / pageSize)), counts, names, dispositions };
}

export type CaseAlertRow = Pick<typeof alertsTable.$inferSelect, 'id' | 'day' | 'kind' | 'score' | 'accounts' | 'createdAt'> & { reasons: Reason[] };

export interface CaseExportRow {
  seq: number;
  at: number;
  actor: string;
  manifestSha256: string;
  fileName: string | null;
  bytes: number | null;
}

export interface ChainStatus {
  /** The case's entries and the store's whole trail verify (lib/audit/trail-status.ts). */
  intact: boolean;
  /** The first bad seq: of the case's own entries, else of the whole trail; null when none. */
  firstBad: number | null;
  /** What is wrong, in a sentence (the first problem), or null. */
  problem: string | null;
  /** How many problems the whole trail has. */
  problems: number;
  /** The case's entries. */
  entries: number;
  /** The whole trail's entries, walked from seq 1. */
  trailEntries: number;
  /** The newest signed head the trail agrees with, or null. */
  signedHeadSeq: number | null;
  checkedAt: number;
}

/** The case's own entries and the whole trail, as the case page shows them. */
export function chainStatus(sqlite: Database.Database, caseEntries: AuditEntry[]): ChainStatus {
  const ownBad = verifyAuditChain(caseEntries);
  const trail = trailStatus(sqlite);
  const first = trail.problems[0];
  return {
    intact: ownBad === null && trail.ok,
    firstBad: ownBad ?? trail.firstBadSeq,
    problem: ownBad !== null ? `entry ${ownBad} of this case does not verify` : first ? first.what : null,
    problems: trail.totalProblems + (ownBad !== null ? 1 : 0),
    entries: caseEntries.length,
    trailEntries: trail.entries,
    signedHeadSeq: trail.signedHead?.seq ?? null,
    checkedAt: trail.checkedAt,
  };
}

export interface CasePageData extends CaseDetail {
  alerts: CaseAlertRow[];
  exports: CaseExportRow[];
  chain: ChainStatus;
  /** Members of a ring's case excluded as false positives (lib/cases/member-decisions.ts); empty for an account's case. */
  excluded: ExcludedMember[];
  /** Exchanges pinned to the case as evidence, with their text (lib/cases/evidence-pins.ts). */
  pinned: PinnedExchangeText[];
  /** A ring case's members now (lib/cases/case-lineage.ts `caseMembers`), at most MEMBER_LIST_LIMIT; empty for an account's case. */
  members: string[];
  /** How many members the case has in all. */
  memberCount: number;
  /** Snoozed now (its date still ahead, as of this page). */
  snoozed: boolean;
  /** The case this one was merged into, or null. */
  mergedInto: string | null;
  /** Other ring cases still open or escalated that this one could absorb (at most 200, largest first). */
  mergeCandidates: { id: string; subjectId: string; accounts: number; status: CaseStatus; version: number; name: string | null }[];
  /** People who work cases, for assigning (active users whose role has `work_cases`). */
  workers: string[];
  /** What the viewer may do on this case, by the same rules the server enforces. */
  allowed: {
    /** Split members off, absorb another ring's case: the same right as deciding it. */
    reshape: boolean;
    decide: DecisionAction[];
    work: boolean;
    export: boolean;
    /** Why only a lead or legal decides this case (a sentence), or null. */
    leadsOnly: string | null;
  };
}

/** The most members the case page lists for a split (a bigger ring is split through the API in pages). */
export const MEMBER_LIST_LIMIT = 2000;

function mergeCandidates(sqlite: Database.Database, row: CaseRow): CasePageData['mergeCandidates'] {
  if (row.subjectKind !== 'ring' || row.status === 'merged') return [];
  const rows = sqlite
    .prepare(
      `SELECT id, subject_id AS subjectId, accounts, status, version FROM cases
       WHERE subject_kind = 'ring' AND status IN ('open', 'escalated') AND id != ?
       ORDER BY accounts DESC, id LIMIT 200`,
    )
    .all(row.id) as Omit<CasePageData['mergeCandidates'][number], 'name'>[];
  const names = ringNames(sqlite, rows.map((r) => r.subjectId));
  return rows.map((r) => ({ ...r, name: names.get(r.subjectId) ?? null }));
}

/** Active users who may be assigned cases (`work_cases`), by name: the case page's and the queue's "Assign to…" lists. */
export function caseWorkers(sqlite: Database.Database): string[] {
  return (sqlite.prepare(`SELECT name, role FROM users WHERE disabled = 0 ORDER BY name`).all() as { name: string; role: Actor['role'] }[])
    .filter((u) => can(u.role, 'work_cases'))
    .map((u) => u.name);
}

export function allowedDecisions(sqlite: Database.Database, row: CaseRow, viewer: Actor): DecisionAction[] {
  if (row.status === 'merged') return [];
  if (!can(viewer.role, requiredPermission(sqlite, row))) return [];
  return DECISION_ACTIONS.filter((a) => STATUS_AFTER[a] !== row.status);
}

function exportsOf(audit: AuditEntry[]): CaseExportRow[] {
  return audit
    .filter((e) => e.action === 'case_exported')
    .map((e) => {
      const d = JSON.parse(e.details) as { manifest_sha256?: string; file_name?: string; bytes?: number };
      return { seq: e.seq, at: e.at, actor: e.actor, manifestSha256: d.manifest_sha256 ?? '', fileName: d.file_name ?? null, bytes: d.bytes ?? null };
    })
    .reverse();
}

export function casePageData(sqlite: Database.Database, caseId: string, viewer: Actor): CasePageData | null {
  return sqlite.transaction(() => {
    const detail = getCase(sqlite, caseId);
    if (!detail) return null;
    const a = alertsTable;
    const alerts: CaseAlertRow[] = dbOf(sqlite)
      .select({ id: a.id, day: a.day, kind: a.kind, score: a.score, accounts: a.accounts, reasons: a.reasons, createdAt: a.createdAt })
      .from(a)
      .where(eq(a.caseId, caseId))
      .orderBy(desc(a.day), desc(a.id))
      .all()
      .map((row) => ({ ...row, reasons: JSON.parse(row.reasons) as Reason[] }));
    const members = caseMembers(sqlite, detail.case);
    return {
      ...detail,
      members: detail.case.subjectKind === 'ring' ? members.slice(0, MEMBER_LIST_LIMIT) : [],
      memberCount: members.length,
      mergedInto: detail.case.status === 'merged' ? mergedInto(sqlite, caseId) : null,
      snoozed: detail.case.snoozedUntil !== null && detail.case.snoozedUntil > Date.now(),
      mergeCandidates: mergeCandidates(sqlite, detail.case),
      workers: caseWorkers(sqlite),
      alerts,
      exports: exportsOf(detail.audit),
      chain: chainStatus(sqlite, detail.audit),
      excluded: excludedMembers(sqlite, caseId),
      pinned: pinnedEvidenceText(sqlite, caseId, PINNED_TEXT_LIMIT),
      allowed: {
        reshape: detail.case.subjectKind === 'ring' && detail.case.status !== 'merged' && can(viewer.role, requiredPermission(sqlite, detail.case)),
        decide: allowedDecisions(sqlite, detail.case, viewer),
        work: can(viewer.role, 'work_cases'),
        export: can(viewer.role, 'export'),
        leadsOnly: ((held) => (held ? leadsOnlyNotice(held) : null))(leadsOnly(sqlite, detail.case)),
      },
    };
  }).deferred();
}
