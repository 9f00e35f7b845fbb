import { CAPABILITIES } from '../../domain';
import { ramp, share } from '../../features/account-features';
import { MIN_EVENTS, none, type Signal } from './signal';

const CHAT = CAPABILITIES.indexOf('chat');

/**
 * Coverage across capability areas against what one product needs: a
 * product uses one or two areas; a sweep covers many, evenly (systematic).
 */
export const capabilitySweep: Signal = {
  code: 'CAPABILITY_SWEEP',
  evaluate(f) {
    if (f.n < MIN_EVENTS * 3) return none;
    const areas: string[] = [];
    let entropy = 0;
    let covered = 0;
    f.capabilities.forEach((c, i) => {
      if (i === CHAT || c === 0) return;
      const p = share(c, f.n);
      if (p >= 0.04) {
        areas.push(CAPABILITIES[i]);
        covered += c;
      }
    });
    f.capabilities.forEach((c, i) => {
      if (i === CHAT || c === 0) return;
      const p = share(c, covered || 1);
      if (p > 0) entropy -= p * Math.log(p);
    });
    const evenness = areas.length > 1 ? Math.min(1, entropy / Math.log(areas.length)) : 0;
    const strength = ramp(areas.length, 2, 6) * (0.5 + 0.5 * evenness) * ramp(share(covered, f.n), 0.3, 0.7);
    return { strength, detail: `prompts cover ${areas.length} capability areas (${areas.join(', ') || 'none'}) ${evenness > 0.8 ? 'evenly' : 'unevenly'}` };
  },
};
