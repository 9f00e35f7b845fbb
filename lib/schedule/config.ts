/**
 * The daily cycle's settings, from the environment (README, "The daily
 * cycle"), checked with zod: a bad value stops the server or the command
 * with a sentence naming it, never runs with a guess.
 */
import { z } from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  /** UTC hour at which yesterday is run; unset: the server runs no detection by itself. */
  DISTILLWATCH_SCHEDULE_HOUR: int(0, 23).optional(),
  /** After downtime, run at most this many missed days (the newest ones); older missed days are listed as skipped. */
  DISTILLWATCH_SCHEDULE_CATCH_UP_DAYS: int(1, 60).default(7),
  /** Attempts per day before the scheduler gives that day up and moves on. */
  DISTILLWATCH_SCHEDULE_MAX_ATTEMPTS: int(1, 20).default(4),
  /** The first retry's wait; each next one doubles it. */
  DISTILLWATCH_SCHEDULE_RETRY_MINUTES: int(1, 24 * 60).default(10),
  /** How long a run's lock lasts without renewal (a crashed run frees it after this). */
  DISTILLWATCH_SCHEDULE_LEASE_MINUTES: int(5, 24 * 60).default(60),
  /** How often the server looks for work (due days, webhook messages, retention). */
  DISTILLWATCH_SCHEDULE_TICK_SECONDS: int(1, 3600).default(30),
  /** Delete events and evidence older than this many days; unset: keep everything. */
  DISTILLWATCH_RETENTION_DAYS: int(31, 36_500).optional(),
});

export interface ScheduleConfig {
  hour: number | null;
  catchUpDays: number;
  maxAttempts: number;
  retryMs: number;
  leaseMs: number;
  tickMs: number;
  retentionDays: number | null;
}

export function scheduleConfig(env: Record<string, string | undefined> = process.env): ScheduleConfig {
  const keys = Object.keys(schema.shape) as (keyof typeof schema.shape)[];
  const picked = Object.fromEntries(keys.map((k) => [k, env[k] === undefined || env[k]!.trim() === '' ? undefined : env[k]]));
  const parsed = schema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${String(issue?.path[0])}: ${issue?.message ?? 'invalid'}`);
  }
  const c = parsed.data;
  return {
    hour: c.DISTILLWATCH_SCHEDULE_HOUR ?? null,
    catchUpDays: c.DISTILLWATCH_SCHEDULE_CATCH_UP_DAYS,
    maxAttempts: c.DISTILLWATCH_SCHEDULE_MAX_ATTEMPTS,
    retryMs: c.DISTILLWATCH_SCHEDULE_RETRY_MINUTES * 60_000,
    leaseMs: c.DISTILLWATCH_SCHEDULE_LEASE_MINUTES * 60_000,
    tickMs: c.DISTILLWATCH_SCHEDULE_TICK_SECONDS * 1000,
    retentionDays: c.DISTILLWATCH_RETENTION_DAYS ?? null,
  };
}
