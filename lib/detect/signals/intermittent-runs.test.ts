import { describe, expect, it } from 'vitest';
import { at, context, features } from '../../../tools/testing/features';
import { intermittentRuns } from './intermittent-runs';

/**
 * An account whose traffic comes in one run of `hours` hours starting at
 * `startHour` on each of `days`, spread over the minutes of the hour unless
 * told otherwise.
 */
function runs(n: number, days: number[], startHour: number, hours: number, minutes?: number[]) {
  const f = features({
    n,
    minutes,
    days: Object.fromEntries(days.map((d) => [d, n / days.length])),
    firstTs: at(days[0], startHour),
    lastTs: at(days[days.length - 1], startHour + hours - 1),
  });
  for (const d of days) for (let h = 0; h < hours; h++) f.hourly[d * 24 + startHour + h] = Math.ceil(n / days.length / hours);
  return f;
}

const everyDay = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('INTERMITTENT_RUNS (mitigating)', () => {
  it("is full strength for an evaluation team's schedule: runs on ten evenings in four weeks, two hours each", () => {
    const evals = runs(1_200, [1, 2, 5, 9, 12, 15, 16, 20, 23, 27], 21, 2);
    const out = intermittentRuns.evaluate(evals, context());
    expect(out.strength).toBe(1);
    expect(out.detail).toBe('active in 20 of the 648 hours from its first to its last exchange (3%), on 10 of 27 days, in runs at no fixed minute');
  });

  it('a busier team (runs on most weekday nights) still counts', () => {
    const nights = everyDay(0, 27).filter((d) => d % 7 < 5);
    expect(intermittentRuns.evaluate(runs(3_000, nights, 20, 1), context()).strength).toBe(1);
  });

  it('hard negative: an extraction account busy every day in two burst windows is not intermittent', () => {
    const f = runs(900, everyDay(1, 28), 2, 2);
    for (let d = 1; d <= 28; d++) for (let h = 13; h < 15; h++) f.hourly[d * 24 + h] = 10;
    expect(intermittentRuns.evaluate(f, context()).strength).toBe(0);
  });

  it('hard negative: an account that idles on some days but runs round the clock when it runs is not intermittent', () => {
    expect(intermittentRuns.evaluate(runs(5_000, [1, 4, 8, 11, 15, 18, 22, 25], 0, 24), context()).strength).toBe(0);
  });

  it('hard negative: one request a day at the same minute is a scheduler, not a working schedule', () => {
    expect(intermittentRuns.evaluate(runs(28, everyDay(1, 28), 7, 1, [17]), context()).strength).toBe(0);
  });

  it('says nothing about an account seen for less than a week, or with too few exchanges', () => {
    expect(intermittentRuns.evaluate(runs(600, [10, 12, 15], 21, 1), context()).strength).toBe(0);
    expect(intermittentRuns.evaluate(runs(20, [1, 10, 20], 21, 1), context()).strength).toBe(0);
  });
});
