import { ramp, share } from '../../features/account-features';
import { MIN_EVENTS, none, pct, type Signal } from './signal';

/** Long outputs pushed to the length cap the client asked for. */
export const outputAtCap: Signal = {
  code: 'OUTPUT_AT_CAP',
  evaluate(f) {
    if (f.n < MIN_EVENTS) return none;
    const s = share(f.atCap, f.n);
    return { strength: ramp(s, 0.05, 0.4), detail: `${pct(s)} of answers ran to the output cap (over 1,024 tokens, stopped by max_tokens)` };
  },
};
