import { ramp, share } from '../../features/account-features';
import { MIN_EVENTS, none, pct, type Signal } from './signal';

/** Prompts that make the model spell out, replay or tag its full reasoning. */
export const cotElicitation: Signal = {
  code: 'COT_ELICITATION',
  evaluate(f) {
    if (f.n < MIN_EVENTS) return none;
    const s = share(f.cot, f.n);
    return { strength: ramp(s, 0.1, 0.6), detail: `${pct(s)} of prompts ask for full step-by-step reasoning, a replay of earlier reasoning or reasoning in tags` };
  },
};
