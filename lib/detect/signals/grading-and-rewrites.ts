import { ramp, share } from '../../features/account-features';
import { MIN_EVENTS, none, pct, type Signal } from './signal';

/** The model used as a grader (rubrics, scores) or asked for "safe" rewrites of sensitive answers. */
export const gradingAndRewrites: Signal = {
  code: 'GRADING_AND_REWRITES',
  evaluate(f) {
    if (f.n < MIN_EVENTS) return none;
    const s = share(f.rubric + f.safeRewrite, f.n);
    return {
      strength: ramp(s, 0.05, 0.3),
      detail: `${pct(share(f.rubric, f.n))} of prompts ask the model to grade against a rubric and ${pct(share(f.safeRewrite, f.n))} ask for a "safe" rewrite`,
    };
  },
};
