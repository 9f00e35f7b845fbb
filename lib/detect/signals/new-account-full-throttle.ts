import { ramp, share } from '../../features/account-features';
import { DAY_MS } from '../../features/window';
import { none, type Signal } from './signal';

/**
 * A new account at full throttle from its first day: people and products
 * ramp up; bought or farmed accounts start at their working rate.
 */
export const newAccountFullThrottle: Signal = {
  code: 'NEW_ACCOUNT_FULL_THROTTLE',
  evaluate(f, { profile, scan }) {
    if (profile.createdAt === null || f.n < 40) return none;
    const ageAtFirst = (f.firstTs - profile.createdAt) / DAY_MS;
    if (ageAtFirst > 2 || profile.createdAt < scan.window.start - DAY_MS) return none;
    const spanDays = Math.max(2, (f.lastTs - f.firstTs) / DAY_MS);
    const perDay = f.n / spanDays;
    // The first two calendar days (the first is often partial).
    const d = Math.floor((f.firstTs - scan.window.start) / DAY_MS);
    const firstTwo = (f.days[d] ?? 0) + (f.days[d + 1] ?? 0);
    const ratio = share(firstTwo, 2 * perDay);
    return {
      strength: ramp(ratio, 0.4, 0.85) * ramp(perDay, 20, 100),
      detail: `began within ${Math.max(0, ageAtFirst).toFixed(1)} days of sign-up at ${Math.round(perDay)} requests a day, with no ramp-up`,
    };
  },
};
