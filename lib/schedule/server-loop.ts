/**
 * The daily cycle inside the dashboard's server process (started from
 * instrumentation.ts). Every tick it sends the webhook messages that are due,
 * recounts the recent days when ingest moved the store's event count, starts
 * a scheduler pass when a day is due and no one holds the detection lock, and
 * prunes once a day when retention is configured. The pass itself runs in a
 * child process (`distillwatch schedule --once`, the same code as cron's):
 * detection takes seconds to minutes of one thread, and the server's thread
 * keeps answering analysts meanwhile; a crash of the run does not take the
 * server down, and the lock's lease frees the day for the next tick.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { openStore, type Store } from '../../db/client';
import { requireSqliteEvents } from '../../db/events-engine';
import { dayOf } from '../features/window';
import { pruneExpired } from '../retention/prune';
import { deliverDue } from '../webhooks/deliver';
import type { ScheduleConfig } from './config';
import type { EventStore } from '../features/window-source';
import { countsState, recountDays } from './day-counts';
import { newestDueDay, planDays, planStart } from './days';
import { loadEventDays } from './event-days';
import { DETECT_LOCK, lockState } from './lock';

export interface CycleOptions {
  dbPath: string;
  config: ScheduleConfig;
  /** Runs one scheduler pass; resolves with its exit code. */
  runPass?: () => Promise<number>;
  now?: () => number;
  log?: (line: string) => void;
  /**
   * Opens the store's event store, resolved as the CLI does (lib/events/open-events.ts: DISTILLWATCH_CLICKHOUSE_URL
   * in this environment, else the store's SQLite table: null). The pass's child process inherits the same
   * environment, so it resolves the same. Absent: SQLite's table (a ClickHouse-backed store is then refused).
   */
  openEvents?: (sqlite: Store['sqlite']) => Promise<EventStore | null>;
}

export interface Cycle {
  /** One tick, as the timer runs it (tests call it directly). */
  tick(): Promise<void>;
  /** Ticks every config.tickMs (the first a second after starting), without keeping the process alive. */
  start(): void;
  stop(): void;
}

const RETENTION_KEY = 'retention_last_day';

/** Without an opener: SQLite's table, and a ClickHouse-backed store refused with the sentence (rather than counted as empty). */
function noEventStore(sqlite: Store['sqlite']): null {
  requireSqliteEvents(sqlite, 'the daily cycle (started without its event store)');
  return null;
}

/** `distillwatch schedule --once` in a child process, with the server's environment (and so its settings). */
function spawnPass(dbPath: string, log: (l: string) => void): Promise<number> {
  const bin = path.join(/* turbopackIgnore: true */ process.cwd(), 'bin', 'distillwatch.mjs');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'schedule', '--once', '--trigger', 'server', '--db', dbPath], { stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
    child.on('error', (err) => {
      log(`schedule: could not start a pass: ${err.message}`);
      resolve(1);
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

export function createCycle(opts: CycleOptions): Cycle & { store: Store } {
  const store = openStore(opts.dbPath);
  const { sqlite } = store;
  const now = opts.now ?? Date.now;
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const runPass = opts.runPass ?? (() => spawnPass(opts.dbPath, log));
  const { config } = opts;
  let busy = false;
  let timer: NodeJS.Timeout | null = null;
  // Opened on the first tick that needs it (a refusal — a store and a setting that disagree — is logged each tick).
  let events: EventStore | null | undefined;
  const eventStore = async () => (events === undefined ? (events = opts.openEvents ? await opts.openEvents(sqlite) : noEventStore(sqlite)) : events);

  async function tick(): Promise<void> {
    if (busy) return;
    busy = true;
    try {
      await deliverDue(sqlite);
      const ch = await eventStore();
      if (!ch) recountDays(sqlite, now());
      else {
        // ClickHouse: the day counts only when ingest moved the store's count, in one grouped query.
        const state = countsState(sqlite);
        if (state.stale) recountDays(sqlite, now(), true, await loadEventDays(sqlite, ch, now()), state.total);
      }
      if (config.hour !== null) {
        const t = now();
        const lock = lockState(sqlite, DETECT_LOCK);
        // On ClickHouse the day counts are fetched only when some day could be due (not every tick).
        const start = planStart(sqlite);
        const mayBeDue = !ch || (start !== null && start <= newestDueDay(t, config.hour));
        if (mayBeDue && !(lock && lock.expiresAt > t) && planDays(sqlite, config, t, undefined, await loadEventDays(sqlite, ch, t)).due.length > 0) {
          const code = await runPass();
          if (code !== 0) log(`schedule: the pass ended with exit code ${code} (see scheduled runs on the overview)`);
          await deliverDue(sqlite);
        }
      }
      if (config.retentionDays !== null) {
        const today = dayOf(now());
        const last = sqlite.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(RETENTION_KEY) as string | undefined;
        if (last !== today) {
          const r = await pruneExpired(sqlite, { days: config.retentionDays, now: now(), pause: () => new Promise((res) => setTimeout(res, 5)), events: ch });
          sqlite.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(RETENTION_KEY, today);
          if (r.events + r.prompts > 0) log(`retention: deleted ${r.events} events and ${r.prompts} prompts before ${r.cutoff}`);
        }
      }
    } catch (err) {
      log(`schedule: ${(err as Error).message}`);
    } finally {
      busy = false;
    }
  }

  return {
    store,
    tick,
    start() {
      timer = setInterval(() => void tick(), config.tickMs);
      timer.unref();
      setTimeout(() => void tick(), 1000).unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      void events?.close();
      events = undefined;
    },
  };
}

const started = globalThis as unknown as { __distillwatchCycle?: Cycle };

/** Starts the cycle once per process (the server's register() hook). */
export function startServerCycle(opts: CycleOptions): void {
  if (started.__distillwatchCycle) return;
  const cycle = createCycle(opts);
  cycle.start();
  started.__distillwatchCycle = cycle;
  const what = opts.config.hour === null ? 'webhooks only (no DISTILLWATCH_SCHEDULE_HOUR: detection runs when someone runs it)' : `detection daily at ${String(opts.config.hour).padStart(2, '0')}:00 UTC`;
  (opts.log ?? ((l: string) => process.stderr.write(`${l}\n`)))(`schedule: started: ${what}${opts.config.retentionDays ? `, retention ${opts.config.retentionDays} days` : ''}`);
}
