/**
 * What a ring's members share, read from the same place the ring graph is
 * drawn from (every identifier two or more members used in the latest
 * detection window), so the table under the graph lists every identifier
 * node the graph shows.
 *
 * Detection stores only the identifiers it linked accounts by (`rings.shared`,
 * at most 200): an identifier used by more accounts than its kind's hub
 * limit (a popular SDK's client fingerprint, a university's NAT address, a
 * common e-mail provider) links nothing, because unrelated people share it.
 * The graph still draws such a node (its members do share it), so it is
 * listed here too, marked as too common to link, with the limit that made it
 * so: the analyst sees it and knows it did not make the ring.
 */
import type Database from 'better-sqlite3';
import type { IdentifierKind } from '../domain';
import { NotFoundError } from '../errors';
import { hubLimit, KIND_POLICY } from '../domain/identifier-policy';
import { ringOn } from './queries';

export interface RingShare {
  kind: string;
  value: string;
  /** Members that use it. */
  members: number;
  /** Accounts that use it, in the ring or not (latest detection window). */
  accounts: number;
  /** False when it is used by more accounts than its kind's hub limit: detection did not link by it. */
  linked: boolean;
  /** The kind's hub limit in the latest detection window (accounts). */
  hubLimit: number;
}

export interface RingSharePage {
  ringId: string;
  asOf: string;
  /** Identifiers two or more members share. */
  total: number;
  /** How many of them are too common to link. */
  common: number;
  offset: number;
  rows: RingShare[];
}

export const RING_SHARES_PAGE = 100;

/** Accounts with identifiers in the latest detection window: what detection's hub limits are a share of. Kept per detection run. */
const activeByStore = new WeakMap<Database.Database, { run: number; accounts: number }>();

function activeAccounts(sqlite: Database.Database): number {
  const run = (sqlite.prepare(`SELECT coalesce(max(id), 0) FROM detect_runs`).pluck().get() as number) ?? 0;
  const kept = activeByStore.get(sqlite);
  if (kept && kept.run === run) return kept.accounts;
  const accounts = sqlite.prepare(`SELECT count(DISTINCT account) FROM account_identifiers`).pluck().get() as number;
  activeByStore.set(sqlite, { run, accounts });
  return accounts;
}

function limitOf(kind: string, active: number): number {
  // An identifier kind detection no longer knows links nothing: treat it as beyond any limit.
  return Object.hasOwn(KIND_POLICY, kind) ? hubLimit(kind as IdentifierKind, active) : 0;
}

/** One page of what the ring's members share (its latest day), most members first. */
export function ringShares(sqlite: Database.Database, ringId: string, opts: { offset?: number; limit?: number } = {}): RingSharePage {
  const page = ringSharesIfAny(sqlite, ringId, opts);
  if (!page) throw new NotFoundError(`no ring ${ringId}`);
  return page;
}

/** `ringShares`, or null for a ring detection never stored (a split-off sub-ring's case subject). */
export function ringSharesIfAny(sqlite: Database.Database, ringId: string, opts: { offset?: number; limit?: number } = {}): RingSharePage | null {
  const ring = ringOn(sqlite, ringId);
  if (!ring) return null;
  const offset = opts.offset ?? 0;
  const limit = opts.limit ?? RING_SHARES_PAGE;
  const active = activeAccounts(sqlite);
  // Every identifier two or more members used, with its reach: the cost is the reach of what they share, a few milliseconds for a 2,400-account ring.
  const shared = sqlite
    .prepare(
      `WITH s AS (
         SELECT i.kind, i.value, count(*) AS members FROM account_identifiers i
         WHERE i.account IN (SELECT account FROM ring_members WHERE ring_id = ? AND as_of = ?)
         GROUP BY i.kind, i.value HAVING count(*) >= 2)
       SELECT s.kind, s.value, s.members, (SELECT count(*) FROM account_identifiers o WHERE o.kind = s.kind AND o.value = s.value) AS accounts
       FROM s ORDER BY s.members DESC, s.kind, s.value`,
    )
    .all(ring.ringId, ring.asOf) as { kind: string; value: string; members: number; accounts: number }[];
  const rows = shared.map((s) => {
    const lim = limitOf(s.kind, active);
    return { ...s, linked: s.accounts <= lim, hubLimit: lim };
  });
  const common = rows.filter((r) => !r.linked).length;
  return { ringId: ring.ringId, asOf: ring.asOf, total: rows.length, common, offset, rows: rows.slice(offset, offset + limit) };
}
