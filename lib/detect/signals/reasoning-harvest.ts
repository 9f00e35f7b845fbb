import { ramp, share } from '../../features/account-features';
import { MIN_EVENTS, none, pct, type Signal } from './signal';

/** Most of the output is visible reasoning: the trace is what is being kept. */
export const reasoningHarvest: Signal = {
  code: 'REASONING_HARVEST',
  evaluate(f) {
    if (f.n < MIN_EVENTS || f.outputTokens === 0) return none;
    const s = share(f.reasoningTokens, f.outputTokens);
    const avg = share(f.reasoningTokens, f.n);
    return { strength: ramp(s, 0.25, 0.7) * ramp(avg, 200, 1500), detail: `${pct(s)} of output tokens are visible reasoning (${Math.round(avg)} a request)` };
  },
};
