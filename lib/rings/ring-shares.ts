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
 * listed here too, after the ones that link, marked as too common to link
 * with the limit that made it so: the analyst sees it and knows it did not
 * make the ring.
 */
import type Database from 'better-sqlite3';
import type { IdentifierKind } from '../domain';
import { hubLimit, KIND_POLICY } from '../domain/identifier-policy';
import { NotFoundError } from '../errors';
import { ringOn } from './queries';

export interface RingShare {
  kind: string;
  value: string;
  /** Members that use it. */
  members: number;
  /** Accounts that use it, in the ring or not (latest detection window). */
  accounts: number;
  /** False when it is used by more accounts than its kind's hub limit (or is of a kind detection does not link by): it links nobody. */
  linked: boolean;
  /** The kind's hub limit in the latest detection window (accounts); null for a kind detection does not link by. */
  hubLimit: number | null;
}

export interface RingSharePage {
  ringId: string;
  /** The ring's latest day. */
  asOf: string;
  /** The detection run the identifiers are counted in (the latest): pages of one listing share it. */
  run: number;
  /**
   * The latest run's day when the ring was last seen by an earlier run: the
   * members are the ring's on `asOf`, what they use and whether it links is
   * counted in the latest window. Null when the ring is from the latest run.
   */
  countedAsOf: string | null;
  /** Identifiers two or more members share. */
  total: number;
  /** How many of them are too common to link. */
  common: number;
  offset: number;
  /** Linked ones first, then the common ones; most members first within each. */
  rows: RingShare[];
}

export const RING_SHARES_PAGE = 100;

interface Listing {
  rows: RingShare[];
  common: number;
}

/**
 * Whole listings, kept per store, ring, day and detection run: counting a
 * 15,000-member ring's identifiers takes ~0.3 s of the server's one thread
 * (measured on a 102 k-account store), and "Show 100 more" and the case page
 * would pay it again for every page. Decisions do not change it; only
 * detection does.
 */
const KEEP = 8;
const cache = globalThis as unknown as { __distillwatchRingShares?: Map<string, Listing> };
const kept = () => (cache.__distillwatchRingShares ??= new Map());

function limitOf(kind: string, active: number): number | null {
  return Object.hasOwn(KIND_POLICY, kind) ? hubLimit(kind as IdentifierKind, active) : null;
}

function listing(sqlite: Database.Database, ringId: string, asOf: string, run: number): Listing {
  const key = `${sqlite.name}\u0001${ringId}\u0001${asOf}\u0001${run}`;
  const hit = kept().get(key);
  if (hit) {
    // Most recently asked for goes last, so the oldest is the first to go.
    kept().delete(key);
    kept().set(key, hit);
    return hit;
  }
  // Accounts with identifiers in the latest window: what detection's hub limits are a share of (linkage.ts, `byAccount.size`).
  const active = sqlite.prepare(`SELECT count(DISTINCT account) FROM account_identifiers`).pluck().get() as number;
  const shared = sqlite
    .prepare(
      `WITH s AS (
         SELECT i.kind, i.value, count(*) AS members FROM account_identifiers i
         WHERE i.account IN (SELECT account FROM ring_members WHERE ring_id = ? AND as_of = ?)
         GROUP BY i.kind, i.value HAVING count(*) >= 2)
       SELECT s.kind, s.value, s.members, (SELECT count(*) FROM account_identifiers o WHERE o.kind = s.kind AND o.value = s.value) AS accounts
       FROM s`,
    )
    .all(ringId, asOf) as { kind: string; value: string; members: number; accounts: number }[];
  const rows = shared.map((s) => {
    const lim = limitOf(s.kind, active);
    // The same rule as detection's (linkage.ts sharedIdentifiers): more accounts than the limit links nothing.
    return { ...s, linked: lim !== null && s.accounts <= lim, hubLimit: lim };
  });
  rows.sort((a, b) => Number(b.linked) - Number(a.linked) || b.members - a.members || a.kind.localeCompare(b.kind) || a.value.localeCompare(b.value));
  const out = { rows, common: rows.filter((r) => !r.linked).length };
  kept().set(key, out);
  while (kept().size > KEEP) kept().delete(kept().keys().next().value!);
  return out;
}

/** One page of what the ring's members share (its latest day): what links first, most members first. */
export function ringShares(sqlite: Database.Database, ringId: string, opts: { offset?: number; limit?: number } = {}): RingSharePage {
  const page = ringSharesIfAny(sqlite, ringId, opts);
  if (!page) throw new NotFoundError(`no ring ${ringId}`);
  return page;
}

/** `ringShares`, or null for a ring detection never stored (a split-off sub-ring's case subject). */
export function ringSharesIfAny(sqlite: Database.Database, ringId: string, opts: { offset?: number; limit?: number } = {}): RingSharePage | null {
  // One read transaction: a detection committing meanwhile cannot mix two windows into one answer.
  return sqlite.transaction(() => {
    const ring = ringOn(sqlite, ringId);
    if (!ring) return null;
    const latest = sqlite.prepare(`SELECT id, as_of AS asOf FROM detect_runs ORDER BY id DESC LIMIT 1`).get() as { id: number; asOf: string } | undefined;
    const run = latest?.id ?? 0;
    const offset = opts.offset ?? 0;
    const limit = opts.limit ?? RING_SHARES_PAGE;
    const { rows, common } = listing(sqlite, ring.ringId, ring.asOf, run);
    return {
      ringId: ring.ringId,
      asOf: ring.asOf,
      run,
      countedAsOf: latest && ring.run !== latest.id ? latest.asOf : null,
      total: rows.length,
      common,
      offset,
      rows: rows.slice(offset, offset + limit),
    };
  })();
}
