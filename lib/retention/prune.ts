/**
 * Retention: events, evidence prompts, daily rollups and scores older than
 * the configured number of days are deleted, in small batches (each its own
 * short write transaction, so ingest, detection and analysts keep writing in
 * between, and a kill loses at most one batch, which the next pass finishes).
 * Before an account's rows go, every case that holds the account copies them
 * (lib/cases/case-copies.ts) in the same transaction as the delete: a case
 * file exported afterwards is still complete. The cutoff is a UTC midnight:
 * `days` whole days before the day of `now`.
 */
import type Database from 'better-sqlite3';
import { writeTransaction } from '../../db/client';
import { appendAudit } from '../audit/append';
import { copyBeforePrune, recordMissingCaseAccounts } from '../cases/case-copies';
import { DAY_MS, dayOf, WINDOW_DAYS } from '../features/window';
import { requireSqliteEvents } from '../../db/events-engine';
import type { EventStore } from '../features/window-source';

export interface PruneOptions {
  days: number;
  now: number;
  /** Events deleted per transaction. */
  eventBatch?: number;
  /** Accounts whose prompts, rollups and scores are pruned per transaction. */
  accountBatch?: number;
  /** Awaited between batches (the server yields to requests there). */
  pause?: () => Promise<void>;
  /**
   * The ClickHouse event store of a store whose events are there: its day partitions
   * before the cut-off are dropped (whole days, no row deletes). Absent or null: SQLite's table.
   */
  events?: EventStore | null;
}

export interface PruneResult {
  cutoff: string;
  events: number;
  prompts: number;
  accountDays: number;
  scores: number;
  /** Rows copied into cases before their originals were deleted. */
  copiedToCases: number;
}

export function retentionCutoff(days: number, now: number): string {
  if (!Number.isInteger(days) || days <= WINDOW_DAYS) throw new Error(`retention must keep more days than detection's ${WINDOW_DAYS}-day window, got ${days}`);
  return dayOf(Date.parse(`${dayOf(now)}T00:00:00Z`) - days * DAY_MS);
}

export async function pruneExpired(sqlite: Database.Database, opts: PruneOptions): Promise<PruneResult> {
  if (!opts.events) requireSqliteEvents(sqlite, 'retention');
  const cutoff = retentionCutoff(opts.days, opts.now);
  const cutoffTs = Date.parse(`${cutoff}T00:00:00Z`);
  const pause = opts.pause ?? (() => Promise.resolve());
  const result: PruneResult = { cutoff, events: 0, prompts: 0, accountDays: 0, scores: 0, copiedToCases: 0 };

  // Cases opened before cases kept their members (older stores) learn them first.
  writeTransaction(sqlite, () => recordMissingCaseAccounts(sqlite, opts.now));

  // Per account: what its cases need is copied, then its old prompts, rollups and scores go.
  const accountBatch = opts.accountBatch ?? 500;
  const accountIds = sqlite.prepare(`SELECT id FROM accounts WHERE id > ? ORDER BY id LIMIT ?`).pluck();
  const inCases = sqlite.prepare(`SELECT 1 FROM case_accounts WHERE account = ? LIMIT 1`).pluck();
  const delPrompts = sqlite.prepare(`DELETE FROM prompts WHERE account = ? AND ts < ?`);
  const delDays = sqlite.prepare(`DELETE FROM account_days WHERE account = ? AND day < ?`);
  const delScores = sqlite.prepare(`DELETE FROM scores WHERE account = ? AND as_of < ?`);
  for (let after = 0; ; ) {
    const ids = accountIds.all(after, accountBatch) as number[];
    if (ids.length === 0) break;
    after = ids[ids.length - 1];
    writeTransaction(sqlite, () => {
      result.copiedToCases += copyBeforePrune(sqlite, ids.filter((a) => inCases.get(a) !== undefined), cutoffTs, cutoff);
      for (const a of ids) {
        result.prompts += delPrompts.run(a, cutoffTs).changes;
        result.accountDays += delDays.run(a, cutoff).changes;
        result.scores += delScores.run(a, cutoff).changes;
      }
    });
    await pause();
  }

  if (opts.events) result.events = await dropClickHouseDays(sqlite, opts.events, cutoffTs);
  // Events: the oldest first, a batch at a time, from the front of the clustered key.
  else result.events = await deleteSqliteEvents(sqlite, cutoffTs, opts.eventBatch ?? 20_000, pause);

  writeTransaction(sqlite, () => {
    sqlite.prepare(`DELETE FROM day_counts WHERE day < ?`).run(cutoff);
    if (result.events + result.prompts + result.accountDays + result.scores > 0) {
      appendAudit(sqlite, { actor: 'retention', action: 'retention_pruned', details: { ...result, days: opts.days }, at: opts.now });
    }
  });
  return result;
}

/** The events before the cut-off in ClickHouse: their day partitions dropped, then the ingest counters in `meta` follow. */
async function dropClickHouseDays(sqlite: Database.Database, events: EventStore, cutoffTs: number): Promise<number> {
  const { events: dropped } = await events.dropDaysBefore(cutoffTs);
  if (dropped === 0) return 0;
  const first = await events.firstTs();
  writeTransaction(sqlite, () => {
    sqlite.prepare(`UPDATE meta SET value = CAST(max(0, CAST(value AS INTEGER) - ?) AS TEXT) WHERE key = 'event_count'`).run(dropped);
    if (first === null) sqlite.prepare(`DELETE FROM meta WHERE key = 'first_event'`).run();
    else sqlite.prepare(`UPDATE meta SET value = ? WHERE key = 'first_event'`).run(String(first));
  });
  return dropped;
}

async function deleteSqliteEvents(sqlite: Database.Database, cutoffTs: number, eventBatch: number, pause: () => Promise<void>): Promise<number> {
  let total = 0;
  const delEvents = sqlite.prepare(`DELETE FROM events WHERE (ts, rid) IN (SELECT ts, rid FROM events WHERE ts < ? ORDER BY ts, rid LIMIT ?)`);
  for (;;) {
    const n = writeTransaction(sqlite, () => {
      const deleted = delEvents.run(cutoffTs, eventBatch).changes;
      if (deleted > 0) {
        sqlite.prepare(`UPDATE meta SET value = CAST(max(0, CAST(value AS INTEGER) - ?) AS TEXT) WHERE key = 'event_count'`).run(deleted);
        const first = sqlite.prepare(`SELECT min(ts) FROM events`).pluck().get() as number | null;
        if (first === null) sqlite.prepare(`DELETE FROM meta WHERE key = 'first_event'`).run();
        else sqlite.prepare(`UPDATE meta SET value = ? WHERE key = 'first_event'`).run(String(first));
      }
      return deleted;
    });
    total += n;
    if (n < eventBatch) break;
    await pause();
  }
  return total;
}
