import { ramp, share } from '../../features/account-features';
import { MIN_EVENTS, none, pct, type Signal } from './signal';

/** Single-turn exchanges with no follow-up: harvesting answers, not conversing. */
export const singleTurn: Signal = {
  code: 'SINGLE_TURN',
  evaluate(f) {
    // Only exchanges that say which turn they are can tell; `turn` is optional.
    if (f.withTurn < MIN_EVENTS * 2) return none;
    const single = 1 - share(f.followUps, f.withTurn);
    return {
      strength: ramp(single, 0.85, 0.99),
      detail: `${pct(single)} of exchanges that report a turn are single-turn with no follow-up`,
    };
  },
};
