/**
 * Events per day, counted from the store (a range of the events table's
 * clustered key per day), and the late data they show: events of a day that
 * arrived after the scheduler ran it (the day's count now, less its count
 * when the run started). Recounted after each pass and, by the server,
 * whenever ingest has changed the store's event count, never per page view.
 */
import type Database from 'better-sqlite3';
import { writeTransaction } from '../../db/client';
import { DAY_MS, dayOf } from '../features/window';
import { sqliteEventDays, type EventDays } from './days';

/** Days the overview shows. */
export const RECENT_DAYS = 14;
const COUNTED_AT_KEY = 'day_counts_event_count';

/** The newest day worth showing: the newest event's or the newest run's. */
export function newestShownDay(sqlite: Database.Database, now: number): string {
  const last = sqlite.prepare(`SELECT value FROM meta WHERE key = 'last_event'`).pluck().get() as string | undefined;
  const run = sqlite.prepare(`SELECT max(as_of) FROM detect_runs`).pluck().get() as string | null;
  const candidates = [last !== undefined ? dayOf(Number(last)) : null, run].filter((d): d is string => d !== null);
  return candidates.length ? candidates.sort().at(-1)! : dayOf(now);
}

export function recentDays(newest: string, n = RECENT_DAYS): string[] {
  const end = Date.parse(`${newest}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => dayOf(end - (n - 1 - i) * DAY_MS));
}

/** The store's event count as ingest keeps it (both engines), and whether the day counts were made at another. */
export function countsState(sqlite: Database.Database): { total: string; stale: boolean } {
  const total = (sqlite.prepare(`SELECT value FROM meta WHERE key = 'event_count'`).pluck().get() as string | undefined) ?? '0';
  const seen = sqlite.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(COUNTED_AT_KEY) as string | undefined;
  return { total, stale: seen !== total };
}

/**
 * Recounts the recent days' events when the store's event count moved since the last count (or always with `force`).
 * `eventDays`: where the events are (SQLite's table unless given); `total`: the event count read before those
 * counts were fetched (ClickHouse), so that events ingested meanwhile are counted next time.
 */
export function recountDays(sqlite: Database.Database, now: number, force = false, eventDays: EventDays = sqliteEventDays(sqlite), total?: string): boolean {
  const state = countsState(sqlite);
  if (!force && !state.stale) return false;
  const days = recentDays(newestShownDay(sqlite, now));
  // Counted outside the write transaction (a read), written in one short one.
  const counts = days.map((day) => [day, eventDays.count(day)] as const);
  writeTransaction(sqlite, () => {
    const put = sqlite.prepare(`INSERT INTO day_counts (day, events, counted_at) VALUES (?, ?, ?) ON CONFLICT(day) DO UPDATE SET events = excluded.events, counted_at = excluded.counted_at`);
    for (const [day, n] of counts) put.run(day, n, now);
    sqlite.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(COUNTED_AT_KEY, total ?? state.total);
  });
  return true;
}

export interface LateDay {
  day: string;
  /** Events counted now, less those there when the day was run. */
  late: number;
  eventsAtRun: number;
  runAt: number;
}

/** Days the scheduler ran that have received events since (their latest successful run's count against the latest count). */
export function lateData(sqlite: Database.Database): LateDay[] {
  return sqlite
    .prepare(
      `SELECT r.day, c.events - r.events_at_run AS late, r.events_at_run AS eventsAtRun, r.started_at AS runAt
       FROM scheduled_runs r JOIN day_counts c ON c.day = r.day
       WHERE r.status = 'succeeded' AND r.events_at_run IS NOT NULL AND c.counted_at >= r.started_at
         AND r.id = (SELECT max(id) FROM scheduled_runs WHERE day = r.day AND status = 'succeeded')
         AND c.events > r.events_at_run
       ORDER BY r.day`,
    )
    .all() as LateDay[];
}
