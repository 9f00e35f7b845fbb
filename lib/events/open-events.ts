/**
 * The event engine a command runs on: `--events`, else DISTILLWATCH_CLICKHOUSE_URL,
 * else SQLite (null: the store's own table, the unchanged synchronous path) —
 * checked against the engine the store recorded, so that one store's events never
 * end up split across two engines.
 */
import type Database from 'better-sqlite3';
import { eventsEngine, recordClickHouseEvents, sqliteEventCount } from '../../db/events-engine';
import { ClickHouseEvents } from './clickhouse-events';
import { eventsTargetFrom } from './events-target';

export async function openEvents(sqlite: Database.Database, flag: string | undefined, env: Record<string, string | undefined> = process.env): Promise<ClickHouseEvents | null> {
  const target = eventsTargetFrom(flag, env);
  const recorded = eventsEngine(sqlite);
  if (target.engine === 'sqlite') {
    if (recorded === 'clickhouse') {
      throw new Error("this store's events are in ClickHouse: pass --events clickhouse://… or set DISTILLWATCH_CLICKHOUSE_URL");
    }
    return null;
  }
  if (recorded === 'sqlite' && sqliteEventCount(sqlite) > 0) {
    throw new Error("this store's events are in SQLite: a store keeps its events in one engine (start a new store for ClickHouse)");
  }
  const events = await ClickHouseEvents.open(target);
  recordClickHouseEvents(sqlite);
  return events;
}
