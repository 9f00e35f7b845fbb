/**
 * Which days the scheduler runs. A day is run once it is over and the
 * configured UTC hour of the next day has come (yesterday's run waits for its
 * late-arriving logs until then). Days are taken in order from the day after
 * the newest day detection already ran (by the scheduler or by hand), or
 * from the first day with events in a store never run; a day with no events
 * at all is not run (the logs have not come yet: it is run once they do, if
 * no later day has been run by then). After long downtime at most
 * `catchUpDays` of the newest missed days are run; the older ones are listed
 * as skipped.
 */
import type Database from 'better-sqlite3';
import { DAY_MS, dayOf } from '../features/window';
import type { ScheduleConfig } from './config';

const HOUR_MS = 3_600_000;
export const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`);
const nextDay = (day: string) => dayOf(dayStart(day) + DAY_MS);

/** When `day` is due: the configured hour of the day after it. */
export function runTimeOf(day: string, hour: number): number {
  return dayStart(day) + DAY_MS + hour * HOUR_MS;
}

/** The newest day whose run time has come at `now`. */
export function newestDueDay(now: number, hour: number): string {
  return dayOf(now - DAY_MS - hour * HOUR_MS);
}

export function dayHasEvents(sqlite: Database.Database, day: string): boolean {
  const start = dayStart(day);
  return sqlite.prepare(`SELECT 1 FROM events WHERE ts >= ? AND ts < ? LIMIT 1`).get(start, start + DAY_MS) !== undefined;
}

export function countDayEvents(sqlite: Database.Database, day: string): number {
  const start = dayStart(day);
  return sqlite.prepare(`SELECT count(*) FROM events WHERE ts >= ? AND ts < ?`).pluck().get(start, start + DAY_MS) as number;
}

/**
 * "Does this day have events" and "how many", as the planning and the day counts ask
 * them: SQLite answers each day with a range of its clustered key; ClickHouse's are
 * fetched before, all days at once (one grouped query, `ClickHouseEvents.dayCounts`),
 * and answered from that map, so that the planning stays synchronous.
 */
export interface EventDays {
  has(day: string): boolean;
  count(day: string): number;
}

export const sqliteEventDays = (sqlite: Database.Database): EventDays => ({
  has: (day) => dayHasEvents(sqlite, day),
  count: (day) => countDayEvents(sqlite, day),
});

/** Day counts fetched beforehand: a day not in the map has none. */
export function eventDaysFrom(counts: ReadonlyMap<string, number>): EventDays {
  return { has: (day) => (counts.get(day) ?? 0) > 0, count: (day) => counts.get(day) ?? 0 };
}

/** The newest day already dealt with: run by detection, or given up by the scheduler. */
function newestHandledDay(sqlite: Database.Database): string | null {
  const row = sqlite
    .prepare(`SELECT max(d) AS d FROM (SELECT max(as_of) AS d FROM detect_runs UNION ALL SELECT max(day) FROM scheduled_runs WHERE status = 'gave_up')`)
    .get() as { d: string | null };
  return row.d;
}

export interface DayPlan {
  /** Days to run now, oldest first. */
  due: string[];
  /** Missed days older than the catch-up allows: not run. */
  skipped: string[];
  /** The first due day failed and waits for its retry until then. */
  retryAt: number | null;
}

/** The first day the planning looks at: the day after the newest one handled, or the first event's (null: no event yet). */
export function planStart(sqlite: Database.Database): string | null {
  const handled = newestHandledDay(sqlite);
  if (handled) return nextDay(handled);
  const first = sqlite.prepare(`SELECT value FROM meta WHERE key = 'first_event'`).pluck().get() as string | undefined;
  return first === undefined ? null : dayOf(Number(first));
}

/** The scheduler's plan at `now` (`days`: where the events are, SQLite's table unless given). */
export function planDays(sqlite: Database.Database, config: ScheduleConfig, now: number, hour = config.hour ?? 0, days: EventDays = sqliteEventDays(sqlite)): DayPlan {
  const newest = newestDueDay(now, hour);
  const start = planStart(sqlite);
  if (start === null) return { due: [], skipped: [], retryAt: null };
  const candidates: string[] = [];
  for (let d = start; d <= newest; d = nextDay(d)) if (days.has(d)) candidates.push(d);
  const skipped = candidates.slice(0, Math.max(0, candidates.length - config.catchUpDays));
  const due = candidates.slice(skipped.length);
  if (due.length > 0) {
    const last = sqlite.prepare(`SELECT status, retry_at AS retryAt FROM scheduled_runs WHERE day = ? ORDER BY id DESC LIMIT 1`).get(due[0]) as
      | { status: string; retryAt: number | null }
      | undefined;
    if (last?.status === 'failed' && last.retryAt !== null && last.retryAt > now) return { due: [], skipped, retryAt: last.retryAt };
  }
  return { due, skipped, retryAt: null };
}

/** When the scheduler will next run something, as of `now` (null when it is off). */
export function nextRunAt(sqlite: Database.Database, config: ScheduleConfig, now: number, days?: EventDays): number | null {
  if (config.hour === null) return null;
  const plan = planDays(sqlite, config, now, undefined, days);
  if (plan.due.length > 0) return now;
  if (plan.retryAt !== null) return plan.retryAt;
  return runTimeOf(dayOf(now - config.hour * HOUR_MS), config.hour);
}
