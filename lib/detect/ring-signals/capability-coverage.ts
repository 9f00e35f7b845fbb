import { CAPABILITIES } from '../../domain';
import { ramp, share } from '../../features/account-features';
import { networkSize, none, type RingSignal } from './ring-signal';

const CHAT = CAPABILITIES.indexOf('chat');
/** An area counts when it holds this share of the ring's long answers. */
const AREA_SHARE = 0.03;

/**
 * Where the ring draws its long answers, as a whole: a product needs one or
 * two areas; a network that rotates tasks across its accounts covers many
 * evenly, although each account covers few.
 */
export const ringCapabilityCoverage: RingSignal = {
  code: 'RING_CAPABILITY_COVERAGE',
  evaluate(c) {
    const size = networkSize(c);
    if (size === 0 || c.longAnswers < 30) return none;
    const areas: string[] = [];
    let entropy = 0;
    c.longByCapability.forEach((n, i) => {
      if (i === CHAT || n === 0) return;
      const p = share(n, c.longAnswers);
      if (p >= AREA_SHARE) areas.push(CAPABILITIES[i]);
      entropy -= p * Math.log(p);
    });
    const evenness = areas.length > 1 ? Math.min(1, entropy / Math.log(areas.length)) : 0;
    return {
      strength: size * ramp(areas.length, 2, 6) * (0.5 + 0.5 * evenness),
      detail: `the ring's long answers cover ${areas.length} capability areas (${areas.join(', ') || 'none'})${evenness > 0.8 ? ', evenly' : ''}`,
    };
  },
};
