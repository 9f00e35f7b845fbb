import { ramp, share } from '../../features/account-features';
import { MIN_EVENTS, none, type Signal } from './signal';

/** Mitigating: short answers (labels, fields, yes/no): nothing worth distilling. */
export const shortOutputs: Signal = {
  code: 'SHORT_OUTPUTS',
  evaluate(f) {
    if (f.n < MIN_EVENTS) return none;
    const avg = share(f.outputTokens, f.n);
    return { strength: ramp(120 - avg, 0, 90), detail: `answers average ${Math.round(avg)} tokens` };
  },
};
