/**
 * The daily cycle's view of where the events are. SQLite: its own table, asked
 * day by day (the unchanged synchronous path). ClickHouse: every day the cycle
 * may ask about — from the first day the planning looks at, or the first of the
 * overview's recent days if older — counted in one grouped query before the
 * synchronous planning, never per day.
 */
import type Database from 'better-sqlite3';
import type { EventStore } from '../features/window-source';
import { newestShownDay, recentDays } from './day-counts';
import { dayStart, eventDaysFrom, planStart, sqliteEventDays, type EventDays } from './days';

export async function loadEventDays(sqlite: Database.Database, events: EventStore | null, now: number): Promise<EventDays> {
  if (!events) return sqliteEventDays(sqlite);
  const starts = [planStart(sqlite), recentDays(newestShownDay(sqlite, now))[0]].filter((d): d is string => d !== null).sort();
  return eventDaysFrom(await events.dayCounts(dayStart(starts[0])));
}
