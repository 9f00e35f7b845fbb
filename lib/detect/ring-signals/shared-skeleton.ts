import { ramp, share } from '../../features/account-features';
import { networkSize, none, pct, type RingSignal } from './ring-signal';

/**
 * Members sending the same prompt skeleton as one of their main templates:
 * one harvesting script behind many accounts. A course's students share
 * exercises too, which is why this weighs less than what the ring harvested
 * and is set against conversation (RING_CONVERSATIONAL).
 */
export const ringSharedSkeleton: RingSignal = {
  code: 'RING_SHARED_SKELETON',
  evaluate(c) {
    const size = networkSize(c);
    if (size === 0 || c.templateMembers.size === 0) return none;
    const top = Math.max(...c.templateMembers.values());
    const s = share(top, c.members);
    return {
      strength: size * ramp(s, 0.3, 0.8) * ramp(top, 3, 10),
      detail: `${top.toLocaleString('en-US')} of ${c.members.toLocaleString('en-US')} active members (${pct(s)}) send one prompt skeleton as a main template`,
    };
  },
};
