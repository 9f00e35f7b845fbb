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
import { dayOf } from '../features/window';
import { pruneExpired } from '../retention/prune';
import { deliverDue } from '../webhooks/deliver';
import type { ScheduleConfig } from './config';
import { recountDays } from './day-counts';
import { planDays } from './days';
import { DETECT_LOCK, lockState } from './lock';

export interface CycleOptions {
  dbPath: string;
  config: ScheduleConfig;
  /** Runs one scheduler pass; resolves with its exit code. */
  runPass?: () => Promise<number>;
  now?: () => number;
  log?: (line: string) => void;
}

export interface Cycle {
  /** One tick, as the timer runs it (tests call it directly). */
  tick(): Promise<void>;
  /** Ticks every config.tickMs (the first a second after starting), without keeping the process alive. */
  start(): void;
  stop(): void;
}

const RETENTION_KEY = 'retention_last_day';

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

  async function tick(): Promise<void> {
    if (busy) return;
    busy = true;
    try {
      await deliverDue(sqlite);
      recountDays(sqlite, now());
      if (config.hour !== null) {
        const t = now();
        const lock = lockState(sqlite, DETECT_LOCK);
        if (planDays(sqlite, config, t).due.length > 0 && !(lock && lock.expiresAt > t)) {
          const code = await runPass();
          if (code !== 0) log(`schedule: the pass ended with exit code ${code} (see scheduled runs on the overview)`);
          await deliverDue(sqlite);
        }
      }
      if (config.retentionDays !== null) {
        const today = dayOf(now());
        const last = sqlite.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(RETENTION_KEY) as string | undefined;
        if (last !== today) {
          const r = await pruneExpired(sqlite, { days: config.retentionDays, now: now(), pause: () => new Promise((res) => setTimeout(res, 5)) });
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
