import { ramp, share } from '../../features/account-features';
import { explainedByOrganisations } from './one-organisation';
import { networkSize, none, num, pct, type RingSignal } from './ring-signal';

/**
 * Members sending the same prompt skeleton — as one of their main templates,
 * or paraphrased, drawing on one family of variants (skeleton-families.ts):
 * one harvesting script behind many accounts. A course's students share
 * exercises too, which is why this weighs less than what the ring harvested
 * and is set against conversation (RING_CONVERSATIONAL); a company's staff
 * share its tools, which its verified organisation explains.
 */
export const ringSharedSkeleton: RingSignal = {
  code: 'RING_SHARED_SKELETON',
  evaluate(c) {
    const size = networkSize(c);
    const exact = Math.max(0, ...c.templateMembers.values());
    const paraphrased = Math.max(0, ...c.skeletonMembers.values());
    const top = Math.max(exact, paraphrased);
    if (size === 0 || top === 0) return none;
    const s = share(top, c.members);
    const how = paraphrased > exact ? 'paraphrased from one family of variants' : 'as a main template';
    return {
      strength: size * ramp(s, 0.3, 0.8) * ramp(top, 3, 10) * (1 - explainedByOrganisations(c)),
      detail: `${num(top)} of ${num(c.members)} active members (${pct(s)}) send one prompt skeleton, ${how}`,
    };
  },
};
