/**
 * Which engine holds a store's events, recorded in the case store's `meta` the
 * first time events go to ClickHouse. A store keeps its events in one engine:
 * the parts of the product that still read SQLite's `events` table (intel
 * matching and export, POST /api/ingest; the daily cycle and retention when
 * called without the store's ClickHouse event store) refuse a ClickHouse-backed
 * store with a sentence instead of reading an empty table and answering wrongly, and
 * SQLite ingest refuses to split a store's events across two engines.
 */
import type Database from 'better-sqlite3';

export type EventsEngine = 'sqlite' | 'clickhouse';
const KEY = 'events_engine';

export function eventsEngine(sqlite: Database.Database): EventsEngine {
  const v = sqlite.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(KEY) as string | undefined;
  return v === 'clickhouse' ? 'clickhouse' : 'sqlite';
}

/** Events already in SQLite's table (the running count ingest keeps). */
export function sqliteEventCount(sqlite: Database.Database): number {
  if (eventsEngine(sqlite) !== 'sqlite') return 0;
  return Number(sqlite.prepare(`SELECT value FROM meta WHERE key = 'event_count'`).pluck().get() ?? 0);
}

export function recordClickHouseEvents(sqlite: Database.Database): void {
  sqlite.prepare(`INSERT INTO meta (key, value) VALUES (?, 'clickhouse') ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(KEY);
}

/** For the readers of SQLite's `events` table: a clear refusal on a ClickHouse-backed store. */
export function requireSqliteEvents(sqlite: Database.Database, what: string): void {
  if (eventsEngine(sqlite) === 'clickhouse') {
    throw new Error(`this store's events are in ClickHouse, and ${what} reads them from SQLite: not supported on ClickHouse yet`);
  }
}
