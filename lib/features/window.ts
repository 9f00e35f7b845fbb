/**
 * The detection window: the WINDOW_DAYS UTC days ending with the as-of day
 * (inclusive). Thirty days hold a month of history, enough for a slow
 * account's schedule to show and for a model release inside it, and is the
 * span the dashboard's charts show.
 */
export const WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

export interface Window {
  asOf: string;
  /** Inclusive start, epoch ms. */
  start: number;
  /** Exclusive end (midnight after the as-of day), epoch ms. */
  end: number;
  days: number;
}

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function windowFor(asOf: string, days = WINDOW_DAYS): Window {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`))) {
    throw new Error(`--as-of must be a date YYYY-MM-DD, got "${asOf}"`);
  }
  const end = Date.parse(`${asOf}T00:00:00Z`) + DAY_MS;
  return { asOf, start: end - days * DAY_MS, end, days };
}

export { DAY_MS };
