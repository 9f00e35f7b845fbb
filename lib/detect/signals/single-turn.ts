import { ramp, share } from '../features';
import { MIN_EVENTS, none, pct, type Signal } from './signal';

/** Single-turn exchanges with no follow-up: harvesting answers, not conversing. */
export const singleTurn: Signal = {
  code: 'SINGLE_TURN',
  evaluate(f) {
    if (f.n < MIN_EVENTS * 2) return none;
    const single = 1 - share(f.followUps, f.n);
    return { strength: ramp(single, 0.85, 0.99), detail: `${pct(single)} of exchanges are single-turn with no follow-up` };
  },
};
