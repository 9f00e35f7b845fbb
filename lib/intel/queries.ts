/** Reading partner intelligence for the dashboard: bundles, indicators and what they matched. */
import type Database from 'better-sqlite3';
import { KIND_LABELS, type MatchKind } from './patterns';

export interface BundleRow {
  id: string;
  producer: string;
  sha256: string;
  importedAt: number;
  importedBy: string;
  objects: number;
  indicators: number;
  matchedIndicators: number;
  matchedAccounts: number;
}

/** What every view of an indicator shows. */
interface IndicatorFields {
  bundleId: string;
  producer: string;
  name: string | null;
  kind: MatchKind;
  kindLabel: string;
  /** The indicator's value when it is not a keyed hash (a hash is shown shortened). */
  value: string;
  hashed: boolean;
  marking: string | null;
  confidence: number | null;
  validFrom: string;
  validUntil: string | null;
  campaign: string | null;
}

export interface IndicatorRow extends IndicatorFields {
  id: string;
  pattern: string;
  matches: number;
  /** Up to SAMPLE matched account ids. */
  accounts: string[];
}

export interface IndicatorMatch extends IndicatorFields {
  indicatorId: string;
  matchedAt: number;
  /** For a ring: the members that matched this indicator. */
  accounts: string[];
}

const SAMPLE = 5;

export function listBundles(sqlite: Database.Database): BundleRow[] {
  return sqlite
    .prepare(
      `SELECT b.id, b.producer, b.sha256, b.imported_at AS importedAt, b.imported_by AS importedBy, b.objects, b.indicators,
              (SELECT count(DISTINCT indicator_id) FROM intel_matches m WHERE m.bundle_id = b.id) AS matchedIndicators,
              (SELECT count(DISTINCT account) FROM intel_matches m WHERE m.bundle_id = b.id) AS matchedAccounts
       FROM intel_bundles b ORDER BY b.imported_at DESC, b.id`,
    )
    .all() as BundleRow[];
}

export interface IndicatorFilters {
  bundleId?: string;
  matchedOnly?: boolean;
}

export function listIndicators(
  sqlite: Database.Database,
  filters: IndicatorFilters = {},
  page = { page: 1, pageSize: 50 },
): { indicators: IndicatorRow[]; total: number; page: number; pageSize: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filters.bundleId) {
    where.push('i.bundle_id = ?');
    params.push(filters.bundleId);
  }
  if (filters.matchedOnly) where.push('EXISTS (SELECT 1 FROM intel_matches m WHERE m.indicator_id = i.id AND m.bundle_id = i.bundle_id)');
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (sqlite.prepare(`SELECT count(*) AS n FROM intel_indicators i ${w}`).get(...params) as { n: number }).n;
  const pageSize = Math.max(1, Math.min(200, Math.trunc(page.pageSize)));
  const offset = (Math.max(1, Math.trunc(page.page)) - 1) * pageSize;
  const rows = sqlite
    .prepare(
      `SELECT i.id, i.bundle_id AS bundleId, i.producer, i.name, i.pattern, i.kind, i.value, i.hashed, i.marking, i.confidence,
              i.valid_from AS validFrom, i.valid_until AS validUntil, i.campaign,
              (SELECT count(*) FROM intel_matches m WHERE m.indicator_id = i.id AND m.bundle_id = i.bundle_id) AS matches
       FROM intel_indicators i ${w}
       ORDER BY matches DESC, i.confidence DESC, i.id LIMIT ? OFFSET ?`,
    )
    .all(...params, pageSize, offset) as (Omit<IndicatorRow, 'hashed' | 'accounts' | 'kindLabel'> & { hashed: number })[];
  const sample = sqlite.prepare(
    `SELECT a.account_id FROM intel_matches m JOIN accounts a ON a.id = m.account WHERE m.indicator_id = ? AND m.bundle_id = ? ORDER BY a.account_id LIMIT ${SAMPLE}`,
  ).pluck();
  return {
    indicators: rows.map((r) => ({
      ...r,
      hashed: r.hashed === 1,
      kindLabel: KIND_LABELS[r.kind] ?? r.kind,
      accounts: r.matches ? (sample.all(r.id, r.bundleId) as string[]) : [],
    })),
    total,
    page: Math.max(1, Math.trunc(page.page)),
    pageSize,
  };
}

type MatchRow = Omit<IndicatorMatch, 'hashed' | 'accounts' | 'kindLabel'> & { hashed: number; account: string };

const MATCH_COLUMNS = `m.indicator_id AS indicatorId, m.bundle_id AS bundleId, i.producer, i.name, i.kind, i.value, i.hashed, i.marking,
  i.confidence, i.valid_from AS validFrom, i.valid_until AS validUntil, i.campaign, m.matched_at AS matchedAt, a.account_id AS account`;

function toMatch(r: MatchRow, accounts: string[]): IndicatorMatch {
  const { account: _account, ...rest } = r;
  return { ...rest, hashed: r.hashed === 1, kindLabel: KIND_LABELS[r.kind] ?? r.kind, value: r.hashed === 1 ? `${r.value.slice(0, 12)}…` : r.value, accounts };
}

/** The partner indicators an account matched (account_id as shown everywhere), strongest first. */
export function matchesForAccount(sqlite: Database.Database, accountId: string): IndicatorMatch[] {
  const rows = sqlite
    .prepare(
      `SELECT ${MATCH_COLUMNS}
       FROM accounts a JOIN intel_matches m ON m.account = a.id
       JOIN intel_indicators i ON i.id = m.indicator_id AND i.bundle_id = m.bundle_id
       WHERE a.account_id = ? ORDER BY i.confidence DESC, m.matched_at DESC, i.id`,
    )
    .all(accountId) as MatchRow[];
  return rows.map((r) => toMatch(r, [r.account]));
}

/** The partner indicators a ring's members (in its latest detection) matched, with which members. */
export function matchesForRing(sqlite: Database.Database, ringId: string): IndicatorMatch[] {
  const rows = sqlite
    .prepare(
      `SELECT ${MATCH_COLUMNS}
       FROM ring_members r JOIN accounts a ON a.id = r.account
       JOIN intel_matches m ON m.account = r.account
       JOIN intel_indicators i ON i.id = m.indicator_id AND i.bundle_id = m.bundle_id
       WHERE r.ring_id = ? AND r.as_of = (SELECT max(as_of) FROM rings WHERE ring_id = ?)
       ORDER BY i.confidence DESC, i.id, a.account_id`,
    )
    .all(ringId, ringId) as MatchRow[];
  const byIndicator = new Map<string, { row: MatchRow; accounts: string[] }>();
  for (const r of rows) {
    const k = `${r.indicatorId}\u0001${r.bundleId}`;
    const e = byIndicator.get(k) ?? { row: r, accounts: [] };
    e.accounts.push(r.account);
    byIndicator.set(k, e);
  }
  return [...byIndicator.values()]
    .sort((a, b) => b.accounts.length - a.accounts.length || (b.row.confidence ?? 0) - (a.row.confidence ?? 0))
    .map((e) => toMatch(e.row, e.accounts));
}
