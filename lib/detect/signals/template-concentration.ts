import { ramp, share, topTemplateShare } from '../../features/account-features';
import { MIN_EVENTS, none, pct, type Signal } from './signal';

/**
 * Variations of a few templates, judged together with output length:
 * templated classification with one-word answers is a batch job, not
 * extraction; templated prompts that draw long answers are.
 */
export const templateConcentration: Signal = {
  code: 'TEMPLATE_CONCENTRATION',
  evaluate(f) {
    if (f.n < MIN_EVENTS * 2) return none;
    const top = topTemplateShare(f, 5);
    const avgOut = share(f.outputTokens, f.n);
    const strength = ramp(top, 0.3, 0.85) * ramp(avgOut, 150, 800);
    return {
      strength,
      detail: `${pct(top)} of prompts fall into 5 templates, with answers of ${Math.round(avgOut)} tokens on average`,
    };
  },
};
