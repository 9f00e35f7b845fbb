import { activeDays, activeWindowHours, minuteConcentration, ramp, share, spanDays } from '../../features/account-features';
import { none, pct, type Signal } from './signal';

/**
 * Mitigating: work that comes in short runs with long idle stretches between
 * them, at no fixed minute: a team's working schedule (an evaluation suite
 * kicked off when someone needs numbers, a class, a project). An extraction
 * operation keeps its accounts busy for a good part of every day they live —
 * round the clock, or in daily windows — and a scheduler fires on the clock.
 * Measured as the share of the hours from the account's first to its last
 * exchange that saw any traffic, over at least a week of its life.
 */
export const intermittentRuns: Signal = {
  code: 'INTERMITTENT_RUNS',
  evaluate(f, { scan }) {
    if (f.n < 24) return none;
    const span = spanDays(f, scan.window);
    if (span < 7) return none;
    const hours = activeWindowHours(f);
    const busy = share(hours, span * 24);
    const clock = minuteConcentration(f);
    const strength = ramp(span, 7, 14) * ramp(0.1 - busy, 0, 0.06) * ramp(0.5 - clock, 0, 0.25);
    return {
      strength,
      detail: `active in ${hours} of the ${span * 24} hours from its first to its last exchange (${pct(busy)}), on ${activeDays(f)} of ${span} days, in runs at no fixed minute`,
    };
  },
};
