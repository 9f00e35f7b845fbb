/**
 * `distillwatch detect`: score every account active in the window, link
 * accounts into rings, and raise the as-of day's alerts.
 *
 *   scan window (features) → own scores (signals + model)
 *   → identifiers → linkage graph → rings (Louvain) → each ring judged as
 *   one actor (judge-rings) → ring raises
 *   → persist scores, rings, identifiers, rollups → alerts and cases
 *   → the rings' graph positions
 */
import type Database from 'better-sqlite3';
import { writeTransaction } from '../../db/client';
import { requireSqliteEvents } from '../../db/events-engine';
import { identifiersOf, type Identifier } from '../graph/identifiers';
import { buildLinkage, type Linkage } from '../graph/linkage';
import { familyIdentifiers, skeletonFamilies } from '../graph/skeleton-families';
import { findRings, FULL_ATTACHMENT, type Ring } from '../graph/rings';
import { formatCount, progress } from '../progress';
import { storeRingLayouts } from '../rings/store-layouts';
import { raiseAlerts } from './alerts';
import { judgeRings, type RingContext } from './judge-rings';
import { applyIntelEvidence } from './intel-evidence';
import { scanWindow, type WindowScan } from '../features/account-features';
import type { WindowSource } from '../features/window-source';
import { MODEL, type Model } from './model';
import { persistAccountDays, persistIdentifiers, persistRings, persistScores } from './persist';
import { loadAccounts, type AccountRow } from '../features/profiles';
import { finalScores, ownScores, type AccountScore } from './score-accounts';
import { dayOf, windowFor, WINDOW_DAYS, type Window } from '../features/window';
import { announceAlerts } from './announce-alerts';

export interface DetectOptions {
  asOf?: string;
  windowDays?: number;
  model?: Model;
  showProgress?: boolean;
  /**
   * The window's features and the accounts with events before it, when another
   * engine computed them (detectFrom); otherwise detection scans SQLite's events.
   */
  pushed?: { scan: WindowScan; accountsBefore: number[]; startedAt: number };
}

export interface DetectSummary {
  /** The detect_runs row written. */
  run: number;
  as_of: string;
  window_days: number;
  events: number;
  accounts: number;
  flagged: number;
  rings: number;
  flagged_rings: number;
  alerts: number;
  seconds: number;
}

/** The as-of day when none is given: the day of the newest event. */
export function defaultAsOf(sqlite: Database.Database): string {
  const row = sqlite.prepare(`SELECT value FROM meta WHERE key = 'last_event'`).get() as { value: string } | undefined;
  if (!row) throw new Error('the store holds no events: ingest some first');
  return dayOf(Number(row.value));
}

/** Accounts whose only events are older than the window: listed with a zero score. */
function idleAccounts(sqlite: Database.Database, windowStart: number, active: Set<number>, before?: number[]): number[] {
  if (!hasEventsBefore(sqlite, windowStart)) return [];
  const rows = before ?? (sqlite.prepare(`SELECT DISTINCT account FROM events WHERE ts < ?`).pluck().all(windowStart) as number[]);
  return rows.filter((a) => !active.has(a));
}

/** From the ingest counters (meta), which both engines keep in SQLite: skips the scan of older events when there are none. */
function hasEventsBefore(sqlite: Database.Database, ts: number): boolean {
  const first = sqlite.prepare(`SELECT value FROM meta WHERE key = 'first_event'`).get() as { value: string } | undefined;
  return first !== undefined && Number(first.value) < ts;
}

/** What detection reads of a window before any model is applied: features, records, identifiers, linkage, rings. */
export interface PreparedWindow {
  scan: WindowScan;
  accounts: Map<number, AccountRow>;
  byAccount: Map<number, Identifier[]>;
  linkage: Linkage;
  /** Account → its paraphrased-skeleton family (lib/graph/skeleton-families.ts). */
  skeletons: Map<number, string>;
}

/** Scan the window and link its accounts: everything that does not depend on the model's weights. */
export function prepareWindow(
  sqlite: Database.Database,
  window: Window,
  onScan?: (n: number) => void,
  onLink?: (accounts: number) => void,
  pushed?: WindowScan,
): PreparedWindow {
  // Without a pushed scan, the events must be SQLite's: never an empty table read as a quiet month.
  if (!pushed) requireSqliteEvents(sqlite, 'this detection path');
  const scan = pushed ?? scanWindow(sqlite, window, onScan);
  const accounts = loadAccounts(sqlite);
  const clientNames = new Map(
    (sqlite.prepare(`SELECT id, value FROM dictionary WHERE kind = 'client'`).all() as { id: number; value: string }[]).map((r) => [
      r.id,
      r.value.replace('\u0001', ' · '),
    ]),
  );
  const byAccount = new Map<number, Identifier[]>();
  for (const f of scan.accounts.values()) {
    const a = accounts.get(f.account);
    if (a) byAccount.set(f.account, identifiersOf(a, f, (id) => clientNames.get(id) ?? `client#${id}`));
  }
  const skeletons = skeletonFamilies(scan.accounts.values());
  for (const [account, family] of skeletons) {
    const ids = byAccount.get(account);
    if (ids) ids.push(...familyIdentifiers(family, ids));
  }
  onLink?.(byAccount.size);
  return { scan, accounts, byAccount, linkage: buildLinkage(byAccount, accounts), skeletons };
}

/**
 * Apply a model to a prepared window: own scores, rings judged as one actor,
 * members raised by their rings. Pure given its inputs (leave-one-family-out
 * evaluation applies many models to one window).
 */
export function judge(
  prepared: PreparedWindow,
  model: Model,
  addEvidence?: (scores: Map<number, AccountScore>) => void,
): { scores: Map<number, AccountScore>; rings: Ring[] } {
  const { scan, accounts, linkage } = prepared;
  const scores = ownScores(scan, accounts, model);
  addEvidence?.(scores);
  const own = new Map([...scores].map(([k, s]) => [k, s.own]));
  const rings = findRings(linkage, own, model.ring, (m) => {
    const a = accounts.get(m)!;
    return { accountId: a.accountId, verified: a.verified, orgId: a.orgId };
  });
  judgeRings(rings, ringContext(prepared, own), model);
  attachOrganisations(rings, linkage);
  finalScores(scores, rings, model);
  return { scores, rings };
}

/** What the ring judgement reads of each member (also tools/generalisation/explain-rings.ts). */
export function ringContext(prepared: PreparedWindow, own: Map<number, number>): RingContext {
  const { scan, accounts, linkage, skeletons } = prepared;
  return {
    features: (m) => scan.accounts.get(m),
    account: (m) => accounts.get(m),
    own: (m) => own.get(m) ?? 0,
    organisation: (m) => linkage.organisation?.get(m) ?? null,
    skeleton: (m) => skeletons.get(m) ?? null,
  };
}

/**
 * Members of the organisation that makes up most of a ring belong to it
 * fully: the linkage discounts what one verified organisation shares (a
 * company's card is not a ring's), so their attachment reads weak — but when
 * the ring is judged an actor, the organisation is the actor.
 */
function attachOrganisations(rings: Ring[], linkage: Linkage): void {
  const orgOf = linkage.organisation;
  if (!orgOf) return;
  for (const ring of rings) {
    if (ring.orgShare < 0.5) continue;
    const counts = new Map<string, number>();
    for (const m of ring.members) {
      const o = orgOf.get(m);
      if (o) counts.set(o, (counts.get(o) ?? 0) + 1);
    }
    const [top] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    if (!top) continue;
    for (const m of ring.members) if (orgOf.get(m) === top[0]) ring.attachment.set(m, Math.max(ring.attachment.get(m) ?? 0, FULL_ATTACHMENT));
  }
}

/**
 * Detection on an event store that is not SQLite's `events` table: the window's
 * features come from the source (asynchronously: ClickHouse answers over the
 * network), then the same synchronous detection runs on them.
 */
export async function detectFrom(sqlite: Database.Database, source: WindowSource, opts: DetectOptions = {}): Promise<DetectSummary> {
  const startedAt = performance.now();
  const asOf = opts.asOf ?? defaultAsOf(sqlite);
  const window = windowFor(asOf, opts.windowDays ?? WINDOW_DAYS);
  const scan = await source.scanWindow(window);
  const accountsBefore = hasEventsBefore(sqlite, window.start) ? await source.accountsBefore(window.start) : [];
  return detect(sqlite, { ...opts, asOf, pushed: { scan, accountsBefore, startedAt } });
}

export function detect(sqlite: Database.Database, opts: DetectOptions = {}): DetectSummary {
  const started = opts.pushed?.startedAt ?? performance.now();
  const model = opts.model ?? MODEL;
  const asOf = opts.asOf ?? defaultAsOf(sqlite);
  const window = windowFor(asOf, opts.windowDays ?? WINDOW_DAYS);
  const bar = progress('detect');
  // Seconds per phase, shown when the run ends (where the time goes at 16 M events).
  const phases: string[] = [];
  let mark = started;
  const phase = (name: string) => {
    const now = performance.now();
    phases.push(`${name} ${((now - mark) / 1000).toFixed(1)} s`);
    mark = now;
  };
  const prepared = prepareWindow(
    sqlite,
    window,
    (n) => bar.update(() => `scanned ${formatCount(n)} events`),
    (n) => bar.update(() => `linking ${formatCount(n)} accounts`),
    opts.pushed?.scan,
  );
  const { scan, accounts, byAccount } = prepared;
  phase('scan + linkage');
  const { scores, rings } = judge(prepared, model, (s) => applyIntelEvidence(sqlite, s, model));
  phase('scores + rings');
  const idle = idleAccounts(sqlite, window.start, new Set(scores.keys()), opts.pushed?.accountsBefore);

  const flagged = [...scores.values()].filter((s) => s.flagged).length;
  const summary = writeTransaction(sqlite, () => {
    const run = sqlite
      .prepare(
        `INSERT INTO detect_runs (as_of, generated_at, threshold, model_version, window_days, accounts, flagged, rings, alerts)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0) RETURNING id`,
      )
      .get(asOf, Date.now(), model.threshold, model.version, window.days, scores.size + idle.length, flagged, rings.length) as { id: number };
    persistScores(sqlite, run.id, asOf, scores, idle);
    persistRings(sqlite, run.id, asOf, rings);
    persistIdentifiers(sqlite, byAccount, scan);
    persistAccountDays(sqlite, scan);
    const lastAlertBefore = (sqlite.prepare(`SELECT coalesce(max(id), 0) FROM alerts`).pluck().get() as number);
    const alerts = raiseAlerts(sqlite, asOf, scores, rings, accounts, model);
    // The webhooks' message about them, in the same transaction (lib/webhooks/outbox.ts).
    announceAlerts(sqlite, asOf, lastAlertBefore, alerts);
    const seconds = (performance.now() - started) / 1000;
    sqlite.prepare(`UPDATE detect_runs SET alerts = ?, seconds = ? WHERE id = ?`).run(alerts, seconds, run.id);
    return {
      run: run.id,
      as_of: asOf,
      window_days: window.days,
      events: scan.events,
      accounts: scores.size + idle.length,
      flagged,
      rings: rings.length,
      flagged_rings: rings.filter((r) => r.score >= model.threshold).length,
      alerts,
      seconds: +seconds.toFixed(2),
    };
  });
  phase('write');
  // Every flagged ring's graph positions, so that its page draws at once (lib/rings/store-layouts.ts).
  storeRingLayouts(sqlite, asOf, model.threshold);
  phase('layouts');
  bar.done(phases.join(' · '));
  return summary;
}
