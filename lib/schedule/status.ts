/**
 * What the overview and `schedule --status` show of the daily cycle: whether
 * it runs, the last run, the next one, a run in progress, the recent days
 * (events, alerts, how the day's run went, late data), and failures.
 */
import type Database from 'better-sqlite3';
import type { ScheduleConfig } from './config';
import { lateData, newestShownDay, recentDays } from './day-counts';
import { eventDaysFrom, nextRunAt, type EventDays } from './days';
import { eventsEngine } from '../../db/events-engine';
import { DETECT_LOCK, lockState } from './lock';

export interface RunRow {
  id: number;
  day: string;
  status: 'running' | 'succeeded' | 'failed' | 'gave_up';
  attempt: number;
  trigger: string;
  startedAt: number;
  finishedAt: number | null;
  alerts: number | null;
  error: string | null;
  retryAt: number | null;
}

export interface DayRow {
  day: string;
  /** Events of the day (the last count), or null when never counted. */
  events: number | null;
  alerts: number;
  /** The day's latest scheduled run's status, `manual` when only run by hand, or null. */
  run: RunRow['status'] | 'manual' | null;
  /** Events that arrived after the day was run. */
  late: number;
}

export interface ScheduleStatus {
  enabled: boolean;
  hour: number | null;
  retentionDays: number | null;
  lastRun: RunRow | null;
  /** The newest detection, scheduled or by hand. */
  lastDetection: { asOf: string; generatedAt: number } | null;
  nextRunAt: number | null;
  running: { holder: string; since: number } | null;
  /** Recent runs that failed or were given up (the latest per day). */
  problems: RunRow[];
  days: DayRow[];
}

const RUN_COLUMNS = `id, day, status, attempt, trigger, started_at AS startedAt, finished_at AS finishedAt, alerts, error, retry_at AS retryAt`;

/**
 * `eventDays`: where the events are (the CLI fetches ClickHouse's day counts for it). Without it, SQLite's table,
 * or for a ClickHouse-backed store the day counts the cycle keeps (the overview never queries the event store).
 */
export function scheduleStatus(sqlite: Database.Database, config: ScheduleConfig, now = Date.now(), eventDays?: EventDays): ScheduleStatus {
  const days_ =
    eventDays ??
    (eventsEngine(sqlite) === 'clickhouse'
      ? eventDaysFrom(new Map((sqlite.prepare(`SELECT day, events FROM day_counts`).all() as { day: string; events: number }[]).map((r) => [r.day, r.events])))
      : undefined);
  const lastRun = (sqlite.prepare(`SELECT ${RUN_COLUMNS} FROM scheduled_runs WHERE attempt > 0 ORDER BY id DESC LIMIT 1`).get() as RunRow | undefined) ?? null;
  const lastDetection =
    (sqlite.prepare(`SELECT as_of AS asOf, generated_at AS generatedAt FROM detect_runs ORDER BY id DESC LIMIT 1`).get() as ScheduleStatus['lastDetection'] | undefined) ?? null;
  const lock = lockState(sqlite, DETECT_LOCK);
  const days = recentDays(newestShownDay(sqlite, now));
  const first = days[0];
  const counts = new Map((sqlite.prepare(`SELECT day, events FROM day_counts WHERE day >= ?`).all(first) as { day: string; events: number }[]).map((r) => [r.day, r.events]));
  // Days never counted: what detection's daily rollups saw (its last run over them).
  const rolled = new Map(
    (sqlite.prepare(`SELECT day, sum(events) AS events FROM account_days WHERE day >= ? GROUP BY day`).all(first) as { day: string; events: number }[]).map((r) => [r.day, r.events]),
  );
  const alerts = new Map((sqlite.prepare(`SELECT day, count(*) AS n FROM alerts WHERE day >= ? GROUP BY day`).all(first) as { day: string; n: number }[]).map((r) => [r.day, r.n]));
  const latest = new Map(
    (
      sqlite
        .prepare(`SELECT ${RUN_COLUMNS} FROM scheduled_runs r WHERE day >= ? AND id = (SELECT max(id) FROM scheduled_runs WHERE day = r.day)`)
        .all(first) as RunRow[]
    ).map((r) => [r.day, r]),
  );
  const detected = new Set(sqlite.prepare(`SELECT DISTINCT as_of FROM detect_runs WHERE as_of >= ?`).pluck().all(first) as string[]);
  const late = new Map(lateData(sqlite).map((l) => [l.day, l.late]));
  const problems = (
    sqlite
      .prepare(`SELECT ${RUN_COLUMNS} FROM scheduled_runs r WHERE status IN ('failed', 'gave_up') AND id = (SELECT max(id) FROM scheduled_runs WHERE day = r.day) ORDER BY day DESC LIMIT 10`)
      .all() as RunRow[]
  ).filter((r) => r.attempt > 0 || r.status === 'gave_up');
  return {
    enabled: config.hour !== null,
    hour: config.hour,
    retentionDays: config.retentionDays,
    lastRun,
    lastDetection,
    nextRunAt: nextRunAt(sqlite, config, now, days_),
    running: lock && lock.expiresAt > now ? { holder: lock.holder, since: lock.acquiredAt } : null,
    problems,
    days: days.map((day) => ({
      day,
      events: counts.get(day) ?? rolled.get(day) ?? null,
      alerts: alerts.get(day) ?? 0,
      run: latest.get(day)?.status ?? (detected.has(day) ? 'manual' : null),
      late: late.get(day) ?? 0,
    })),
  };
}
