/**
 * Priority beyond a tied score. Most of a bad day's alerts score 1.00, so the
 * queue orders a tie by what the subject took and how fast it grows:
 *
 * 1. output tokens harvested over the detection window (`account_days`),
 * 2. accounts (ring size; 1 for an account),
 * 3. growth: events in the week to the alert's day against the week before,
 *    `(week − previous) / max(previous, 1)`.
 *
 * Detection writes the figures onto the day's alerts in one SQL statement
 * (lib/detect/alert-priority.ts), and an index on (day, case status, score, output tokens, accounts,
 * growth) serves the queue's default order, so the queue reads them in order
 * instead of summing a ring's rollups per request.
 */
/** The figures of one queue row, as the row shows them. */
export interface PriorityFigures {
  outputTokens: number | null;
  accounts: number;
  eventsWeek: number | null;
  eventsPrevWeek: number | null;
  growth: number | null;
}

/** "1.2 M", "34 k", "812": a compact count for a queue cell. */
export function compactCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(n >= 1e10 ? 0 : 1)} B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(n >= 1e4 ? 0 : 1)} k`;
  return String(n);
}

/** "+35%", "−12%", "new" (nothing the week before), "flat". */
export function growthText(f: Pick<PriorityFigures, 'growth' | 'eventsPrevWeek' | 'eventsWeek'>): string {
  if (f.growth === null) return '—';
  if ((f.eventsPrevWeek ?? 0) === 0) return (f.eventsWeek ?? 0) > 0 ? 'new' : 'flat';
  const pct = Math.round(f.growth * 100);
  if (pct === 0) return 'flat';
  return pct > 0 ? `+${pct}%` : `−${-pct}%`;
}

/** The hover sentence that explains where a row sits in the queue. */
export function priorityExplanation(f: PriorityFigures): string {
  const out = f.outputTokens === null ? 'not computed yet' : `${f.outputTokens.toLocaleString('en-US')} output tokens`;
  const week = f.eventsWeek === null ? '' : ` (${f.eventsWeek.toLocaleString('en-US')} events this week, ${(f.eventsPrevWeek ?? 0).toLocaleString('en-US')} the week before)`;
  return (
    `Ordered by score, then by what the subject harvested: ${out}; then ring size: ${f.accounts.toLocaleString('en-US')} ` +
    `account${f.accounts === 1 ? '' : 's'}; then growth: ${growthText(f)}${week}.`
  );
}
