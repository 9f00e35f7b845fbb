import { ramp, share } from '../features';
import { none, type Signal } from './signal';

/** Many different phrasings of reasoning-extraction requests: probing for what gets through. */
export const probing: Signal = {
  code: 'PROBING',
  evaluate(f) {
    if (f.cot < 10) return none;
    const phrasings = f.cotTemplates.size;
    return {
      strength: ramp(phrasings, 4, 15) * ramp(share(f.cot, f.n), 0.15, 0.4),
      detail: `${phrasings} different phrasings of requests for the model's reasoning`,
    };
  },
};
