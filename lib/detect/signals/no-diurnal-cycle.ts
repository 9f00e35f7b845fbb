import { activeHours, ramp } from '../../features/account-features';
import { none, type Signal } from './signal';

/** Activity round the clock with no day/night rhythm. */
export const noDiurnalCycle: Signal = {
  code: 'NO_DIURNAL_CYCLE',
  evaluate(f) {
    if (f.n < 48) return none;
    const h = activeHours(f);
    return { strength: ramp(h, 17, 23), detail: `active in ${h} of 24 hours of the day, with no night-time lull` };
  },
};
