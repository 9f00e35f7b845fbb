/**
 * One pass of the daily cycle: take the detection lock, run every due day in
 * order (lib/schedule/days.ts), record each attempt in `scheduled_runs`,
 * queue the daily digest for the webhooks, give the lock back. A day that
 * fails is retried after a backoff (10, 20, 40… minutes by default) up to the
 * configured attempts, and later days wait for it, so days are always run in
 * order; after the last attempt it is given up (shown on the overview) and
 * the cycle moves on. `distillwatch schedule --once` and the server's timer
 * both run this; the clock is a parameter, so tests set the time.
 */
import type Database from 'better-sqlite3';
import { writeTransaction } from '../../db/client';
import { appendAudit } from '../audit/append';
import { detect } from '../detect/detect';
import { DAY_MS } from '../features/window';
import { enqueueWebhookEvent } from '../webhooks/outbox';
import type { ScheduleConfig } from './config';
import { countDayEvents, dayStart, planDays } from './days';
import { lateData, recountDays } from './day-counts';
import { acquireLock, DETECT_LOCK, holderName, releaseLock, renewLock } from './lock';
import { requireSqliteEvents } from '../../db/events-engine';

export type DetectDay = (sqlite: Database.Database, day: string) => { run: number; alerts: number };

export const detectDay: DetectDay = (sqlite, day) => {
  const s = detect(sqlite, { asOf: day });
  return { run: s.run, alerts: s.alerts };
};

export interface RunDueOptions {
  config: ScheduleConfig;
  /** What started the pass (shown with each run): `server`, `cli`, … */
  trigger: string;
  /** The clock that decides which days are due (and stamps the runs). */
  now?: () => number;
  /**
   * The clock of the lock's lease: real time unless a test sets it. Kept apart from `now` so that a
   * pass run "as of" another time (`schedule --once --now …`) still holds the lock in every other
   * process's real time.
   */
  leaseClock?: () => number;
  /** Runs detection for one day (tests put a failing one here). */
  run?: DetectDay;
  holder?: string;
  log?: (line: string) => void;
}

export interface DayOutcome {
  day: string;
  status: 'succeeded' | 'failed' | 'gave_up';
  attempt: number;
  alerts: number | null;
  error: string | null;
  retryAt: number | null;
}

export interface RunDueResult {
  /** Someone else holds the lock: nothing was run. */
  lockedBy: string | null;
  ran: DayOutcome[];
  skipped: string[];
  /** The first due day waits for its retry until then. */
  retryAt: number | null;
}

/** Runs whose process died while running (only ever seen by the lock's new holder). */
function markInterrupted(sqlite: Database.Database, now: number): void {
  writeTransaction(sqlite, () =>
    sqlite
      .prepare(`UPDATE scheduled_runs SET status = 'failed', finished_at = ?, retry_at = ?, error = 'interrupted: the process running it stopped' WHERE status = 'running'`)
      .run(now, now),
  );
}

function recordSkipped(sqlite: Database.Database, days: string[], trigger: string, now: number, catchUp: number): void {
  if (days.length === 0) return;
  writeTransaction(sqlite, () => {
    const insert = sqlite.prepare(
      `INSERT INTO scheduled_runs (day, status, attempt, trigger, started_at, finished_at, error) VALUES (?, 'gave_up', 0, ?, ?, ?, ?)`,
    );
    for (const day of days) insert.run(day, trigger, now, now, `not run: more than ${catchUp} days were missed, only the newest ${catchUp} were caught up`);
    appendAudit(sqlite, { actor: 'scheduler', action: 'scheduled_run', details: { skipped: days, trigger }, at: now });
  });
}

function digest(sqlite: Database.Database, day: string, alerts: number) {
  const start = dayStart(day);
  const count = (status: string) => sqlite.prepare(`SELECT count(*) FROM cases WHERE status = ?`).pluck().get(status) as number;
  const decisions = { confirm: 0, dismiss: 0, escalate: 0 };
  for (const r of sqlite.prepare(`SELECT action, count(*) AS n FROM decisions WHERE at >= ? AND at < ? GROUP BY action`).all(start, start + DAY_MS) as { action: keyof typeof decisions; n: number }[]) {
    decisions[r.action] = r.n;
  }
  return { day, alerts_raised: alerts, open_cases: count('open'), escalated_cases: count('escalated'), decisions, late_events: lateData(sqlite).map((l) => ({ day: l.day, events: l.late })) };
}

export function runDueDays(sqlite: Database.Database, opts: RunDueOptions): RunDueResult {
  requireSqliteEvents(sqlite, 'the daily cycle');
  const now = opts.now ?? Date.now;
  const leaseClock = opts.leaseClock ?? Date.now;
  const { config } = opts;
  const holder = opts.holder ?? holderName();
  const log = opts.log ?? (() => {});
  const lock = acquireLock(sqlite, DETECT_LOCK, holder, config.leaseMs, leaseClock());
  if (!lock.acquired) return { lockedBy: lock.holder, ran: [], skipped: [], retryAt: null };
  const ran: DayOutcome[] = [];
  try {
    markInterrupted(sqlite, leaseClock());
    const plan = planDays(sqlite, config, now());
    recordSkipped(sqlite, plan.skipped, opts.trigger, now(), config.catchUpDays);
    for (const day of plan.due) {
      const attempt = 1 + (sqlite.prepare(`SELECT count(*) FROM scheduled_runs WHERE day = ? AND status = 'failed'`).pluck().get(day) as number);
      const events = countDayEvents(sqlite, day);
      const started = now();
      const id = writeTransaction(sqlite, () =>
        sqlite
          .prepare(`INSERT INTO scheduled_runs (day, status, attempt, trigger, started_at, events_at_run) VALUES (?, 'running', ?, ?, ?, ?) RETURNING id`)
          .pluck()
          .get(day, attempt, opts.trigger, started, events),
      ) as number;
      log(`schedule: running ${day} (attempt ${attempt}, ${events} events that day)`);
      let outcome: DayOutcome;
      try {
        const r = (opts.run ?? detectDay)(sqlite, day);
        const finished = now();
        writeTransaction(sqlite, () => {
          sqlite.prepare(`UPDATE scheduled_runs SET status = 'succeeded', finished_at = ?, detect_run = ?, alerts = ?, error = NULL WHERE id = ?`).run(finished, r.run, r.alerts, id);
          sqlite.prepare(`INSERT INTO day_counts (day, events, counted_at) VALUES (?, ?, ?) ON CONFLICT(day) DO UPDATE SET events = excluded.events, counted_at = excluded.counted_at`).run(day, events, started);
          appendAudit(sqlite, { actor: 'scheduler', action: 'scheduled_run', details: { day, status: 'succeeded', attempt, alerts: r.alerts, trigger: opts.trigger }, at: finished });
          enqueueWebhookEvent(sqlite, 'digest.daily', digest(sqlite, day, r.alerts), finished);
        });
        outcome = { day, status: 'succeeded', attempt, alerts: r.alerts, error: null, retryAt: null };
      } catch (err) {
        const finished = now();
        const error = ((err as Error).message || String(err)).slice(0, 500);
        const gaveUp = attempt >= config.maxAttempts;
        const retryAt = gaveUp ? null : finished + config.retryMs * 2 ** (attempt - 1);
        writeTransaction(sqlite, () => {
          sqlite.prepare(`UPDATE scheduled_runs SET status = ?, finished_at = ?, error = ?, retry_at = ? WHERE id = ?`).run(gaveUp ? 'gave_up' : 'failed', finished, error, retryAt, id);
          appendAudit(sqlite, { actor: 'scheduler', action: 'scheduled_run', details: { day, status: gaveUp ? 'gave_up' : 'failed', attempt, error, trigger: opts.trigger }, at: finished });
        });
        outcome = { day, status: gaveUp ? 'gave_up' : 'failed', attempt, alerts: null, error, retryAt };
      }
      ran.push(outcome);
      log(`schedule: ${day} ${outcome.status}${outcome.error ? `: ${outcome.error}` : ''}`);
      // In order: a failed day holds the later ones back until its retry (a given-up one does not).
      if (outcome.status === 'failed') break;
      if (!renewLock(sqlite, DETECT_LOCK, holder, config.leaseMs, leaseClock())) {
        log('schedule: lost the lock (its lease ran out); stopping');
        break;
      }
    }
    recountDays(sqlite, now());
    return { lockedBy: null, ran, skipped: plan.skipped, retryAt: plan.retryAt ?? ran.find((r) => r.status === 'failed')?.retryAt ?? null };
  } finally {
    releaseLock(sqlite, DETECT_LOCK, holder);
  }
}
