import { activeWindowHours, gapVariation, minuteConcentration, ramp } from '../../features/account-features';
import { none, pct, type Signal } from './signal';

/**
 * Machine-regular timing: people are bursty (inter-arrival variation well
 * above 1); schedulers fire at even gaps or at the same minutes of the hour.
 * Only a rhythm kept up counts: a benchmark harness is regular for the hour
 * its suite runs, an always-on operation for days (at least a day's worth of
 * active hours for full strength).
 */
export const machineRhythm: Signal = {
  code: 'MACHINE_RHYTHM',
  evaluate(f) {
    if (f.n < 30) return none;
    const cv = gapVariation(f);
    const minutes = minuteConcentration(f);
    const hours = activeWindowHours(f);
    const regular = Number.isNaN(cv) ? 0 : ramp(1.2 - cv, 0, 0.9);
    const onTheMinute = ramp(minutes, 0.2, 0.6);
    const strength = Math.max(regular, onTheMinute) * ramp(hours, 6, 24);
    const what =
      onTheMinute >= regular
        ? `${pct(minutes)} of requests arrive in the same three minutes of the hour`
        : `requests arrive at machine-regular intervals (variation ${cv.toFixed(2)}; people are above 1)`;
    return { strength, detail: `${what}, over ${hours} hours of activity` };
  },
};
