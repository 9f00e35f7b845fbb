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
import { detect, detectFrom } from '../detect/detect';
import type { EventStore } from '../features/window-source';
import { DAY_MS } from '../features/window';
import { enqueueWebhookEvent } from '../webhooks/outbox';
import type { ScheduleConfig } from './config';
import { dayStart, planDays, sqliteEventDays, type EventDays } from './days';
import { countsState, lateData, recountDays } from './day-counts';
import { loadEventDays } from './event-days';
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

/** What a pass asks of its driver: where the events are, or one day's detection. */
type Step = { kind: 'days' } | { kind: 'detect'; day: string };
type Ran = { ok: true; run: number; alerts: number } | { ok: false; error: unknown };
type Answer = EventDays | Ran;

/**
 * The pass itself, written once for both engines: a generator that yields what it needs
 * (the day counts, a day's detection) and is driven synchronously on SQLite (runDueDays,
 * unchanged) or asynchronously on ClickHouse (runDueDaysFrom), the lock, records,
 * retries and order being the same code.
 */
function* pass(sqlite: Database.Database, opts: RunDueOptions): Generator<Step, RunDueResult, Answer> {
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
    const days = (yield { kind: 'days' }) as EventDays;
    const plan = planDays(sqlite, config, now(), undefined, days);
    recordSkipped(sqlite, plan.skipped, opts.trigger, now(), config.catchUpDays);
    for (const day of plan.due) {
      const attempt = 1 + (sqlite.prepare(`SELECT count(*) FROM scheduled_runs WHERE day = ? AND status = 'failed'`).pluck().get(day) as number);
      const events = days.count(day);
      const started = now();
      const id = writeTransaction(sqlite, () =>
        sqlite
          .prepare(`INSERT INTO scheduled_runs (day, status, attempt, trigger, started_at, events_at_run) VALUES (?, 'running', ?, ?, ?, ?) RETURNING id`)
          .pluck()
          .get(day, attempt, opts.trigger, started, events),
      ) as number;
      log(`schedule: running ${day} (attempt ${attempt}, ${events} events that day)`);
      let outcome: DayOutcome;
      const result = (yield { kind: 'detect', day }) as Ran;
      if (result.ok) {
        const r = result;
        const finished = now();
        writeTransaction(sqlite, () => {
          sqlite.prepare(`UPDATE scheduled_runs SET status = 'succeeded', finished_at = ?, detect_run = ?, alerts = ?, error = NULL WHERE id = ?`).run(finished, r.run, r.alerts, id);
          sqlite.prepare(`INSERT INTO day_counts (day, events, counted_at) VALUES (?, ?, ?) ON CONFLICT(day) DO UPDATE SET events = excluded.events, counted_at = excluded.counted_at`).run(day, events, started);
          appendAudit(sqlite, { actor: 'scheduler', action: 'scheduled_run', details: { day, status: 'succeeded', attempt, alerts: r.alerts, trigger: opts.trigger }, at: finished });
          enqueueWebhookEvent(sqlite, 'digest.daily', digest(sqlite, day, r.alerts), finished);
        });
        outcome = { day, status: 'succeeded', attempt, alerts: r.alerts, error: null, retryAt: null };
      } else {
        const err = result.error;
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
    // The store's count before the day counts are read: events ingested meanwhile make the next recount.
    const { total } = countsState(sqlite);
    recountDays(sqlite, now(), false, (yield { kind: 'days' }) as EventDays, total);
    return { lockedBy: null, ran, skipped: plan.skipped, retryAt: plan.retryAt ?? ran.find((r) => r.status === 'failed')?.retryAt ?? null };
  } finally {
    releaseLock(sqlite, DETECT_LOCK, holder);
  }
}

/** One pass on a store whose events are in SQLite's table, synchronously. */
export function runDueDays(sqlite: Database.Database, opts: RunDueOptions): RunDueResult {
  requireSqliteEvents(sqlite, 'the daily cycle');
  const days = sqliteEventDays(sqlite);
  const run = opts.run ?? detectDay;
  const steps = pass(sqlite, opts);
  for (let s = steps.next(); ; ) {
    if (s.done) return s.value;
    const step = s.value;
    let answer: Answer;
    if (step.kind === 'days') answer = days;
    else {
      try {
        answer = { ok: true, ...run(sqlite, step.day) };
      } catch (error) {
        answer = { ok: false, error };
      }
    }
    s = steps.next(answer);
  }
}

export interface RunDueFromOptions extends Omit<RunDueOptions, 'run'> {
  /** Runs detection for one day on the event store (tests put a failing one here). */
  run?: (sqlite: Database.Database, events: EventStore, day: string) => Promise<{ run: number; alerts: number }>;
}

/** A day's detection on ClickHouse: the features computed there, then the same detection (detectFrom). */
export const detectDayFrom = async (sqlite: Database.Database, events: EventStore, day: string) => {
  const s = await detectFrom(sqlite, events, { asOf: day });
  return { run: s.run, alerts: s.alerts };
};

/**
 * One pass on the store's event engine: `events` null is SQLite (runDueDays, unchanged);
 * with ClickHouse, the day counts come from one grouped query before the planning (and
 * again for the recount after the runs), and each due day runs through detectFrom.
 */
export async function runDueDaysFrom(sqlite: Database.Database, events: EventStore | null, opts: RunDueFromOptions): Promise<RunDueResult> {
  if (!events) return runDueDays(sqlite, { ...opts, run: undefined });
  const now = opts.now ?? Date.now;
  const run = opts.run ?? detectDayFrom;
  const steps = pass(sqlite, { ...opts, run: undefined });
  for (let s = steps.next(); ; ) {
    if (s.done) return s.value;
    const step = s.value;
    let answer: Answer;
    if (step.kind === 'days') {
      try {
        answer = await loadEventDays(sqlite, events, now());
      } catch (err) {
        // Into the pass, so that it gives the lock back before the error reaches the caller.
        s = steps.throw(err);
        continue;
      }
    } else {
      try {
        answer = { ok: true, ...(await run(sqlite, events, step.day)) };
      } catch (error) {
        answer = { ok: false, error };
      }
    }
    s = steps.next(answer);
  }
}
