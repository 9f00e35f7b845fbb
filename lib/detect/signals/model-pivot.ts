import { ramp, share } from '../../features/account-features';
import { none, pct, type Signal } from './signal';

/** Most traffic moved to a newly released model within a day of its launch. */
export const modelPivot: Signal = {
  code: 'MODEL_PIVOT',
  evaluate(f, { scan }) {
    if (!scan.release || f.beforeRelease < 10 || f.allDay1 < 10) return none;
    const day1 = share(f.newModelDay1, f.allDay1);
    const after = share(f.newModelAfter, f.afterRelease);
    // Sustained, not a one-day benchmark: the move holds after the first day.
    const strength = ramp(day1, 0.2, 0.5) * ramp(after, 0.2, 0.45);
    return { strength, detail: `moved ${pct(day1)} of its traffic to the newly released model within a day of launch (${pct(after)} since)` };
  },
};
