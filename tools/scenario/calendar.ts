/**
 * The scenario's clock: the window, the new model's release and the daily
 * rhythms that make human traffic look human.
 */
import { Rng, Weighted } from './random';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const MODELS = { old: 'atlas-2', mini: 'atlas-2-mini', next: 'atlas-3' } as const;

export class Calendar {
  readonly startMs: number;
  readonly endMs: number;
  /** When the new model becomes available; nobody can use it before. */
  readonly releaseMs: number;

  constructor(start: string, readonly days: number) {
    this.startMs = Date.parse(`${start.slice(0, 10)}T00:00:00.000Z`);
    if (!Number.isFinite(this.startMs)) throw new Error(`invalid start date: ${start}`);
    if (!(days >= 1)) throw new Error(`days must be at least 1: ${days}`);
    this.days = Math.floor(days);
    this.endMs = this.startMs + this.days * DAY;
    // Late in the window (day 23 of 30 at 17:00 UTC), leaving a week to watch adoption.
    const releaseDay = Math.min(this.days - 1, Math.round((this.days * 22) / 30));
    this.releaseMs = this.startMs + releaseDay * DAY + 17 * HOUR;
  }

  dayStart(day: number): number {
    return this.startMs + day * DAY;
  }

  /** 0 = Sunday … 6 = Saturday, for the UTC day. */
  weekday(day: number): number {
    return new Date(this.dayStart(day)).getUTCDay();
  }

  isWeekend(day: number): boolean {
    const w = this.weekday(day);
    return w === 0 || w === 6;
  }
}

const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
let cachedDay = NaN;
let cachedPrefix = '';

/**
 * ISO-8601 UTC with milliseconds, as Date#toISOString writes it, but without
 * allocating a Date per event: the date part is cached, the time part built
 * from lookup tables. Generation formats millions of these.
 */
export function iso(ms: number): string {
  const day = Math.floor(ms / DAY);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedPrefix = new Date(day * DAY).toISOString().slice(0, 11);
  }
  let t = ms - day * DAY;
  const h = Math.floor(t / HOUR);
  t -= h * HOUR;
  const m = Math.floor(t / MINUTE);
  t -= m * MINUTE;
  const s = Math.floor(t / SECOND);
  return `${cachedPrefix}${PAD2[h]}:${PAD2[m]}:${PAD2[s]}.${PAD3[t - s * SECOND]}Z`;
}

/** A 24-hour activity curve in *local* time, sampled to UTC timestamps. */
export class DailyRhythm {
  private readonly hours: Weighted<number>;

  constructor(readonly weights: readonly number[]) {
    this.hours = new Weighted([...Array(24).keys()], weights);
  }

  /** A timestamp within the UTC day `dayStart` at a local hour drawn from the curve. */
  sample(rng: Rng, dayStart: number, tzHours: number): number {
    const local = this.hours.sample(rng) * HOUR + rng.int(HOUR);
    const utc = (((local - tzHours * HOUR) % DAY) + DAY) % DAY;
    return dayStart + utc;
  }
}

// Evenings and lunch breaks; almost nothing at 3 a.m.
export const LEISURE = new DailyRhythm([
  0.35, 0.18, 0.09, 0.05, 0.04, 0.05, 0.14, 0.35, 0.6, 0.8, 0.9, 1.0,
  1.1, 1.0, 0.95, 0.95, 1.0, 1.1, 1.25, 1.45, 1.65, 1.6, 1.3, 0.75,
]);

// Office hours with a lunch dip.
export const OFFICE = new DailyRhythm([
  0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.06, 0.3, 0.9, 1.3, 1.35, 1.2,
  0.75, 1.1, 1.3, 1.25, 1.1, 0.8, 0.45, 0.25, 0.2, 0.18, 0.12, 0.06,
]);

// Students: a bit in class hours, mostly late evenings before deadlines.
export const STUDENT = new DailyRhythm([
  0.6, 0.35, 0.15, 0.05, 0.02, 0.02, 0.04, 0.15, 0.4, 0.7, 0.8, 0.8,
  0.7, 0.8, 0.9, 0.9, 0.9, 0.85, 0.9, 1.2, 1.5, 1.6, 1.4, 1.0,
]);

// Benchmark runs are kicked off after hours so they do not slow colleagues down.
export const NIGHTLY = new DailyRhythm([
  0.8, 0.9, 0.8, 0.5, 0.2, 0.05, 0.02, 0.02, 0.05, 0.15, 0.2, 0.2,
  0.2, 0.2, 0.25, 0.3, 0.3, 0.35, 0.5, 0.8, 1.0, 1.1, 1.0, 0.9,
]);

export const FLAT = new DailyRhythm(Array(24).fill(1));
