import { ramp, share } from '../../features/account-features';
import { networkSize, none, pct, type RingSignal } from './ring-signal';

/**
 * Long answers nobody follows up on: a harvester sends a task, keeps the
 * answer and moves on; people who need an answer usually ask again.
 */
export const ringSingleTurnLongform: RingSignal = {
  code: 'RING_SINGLE_TURN_LONGFORM',
  evaluate(c) {
    const size = networkSize(c);
    if (size === 0 || c.events === 0) return none;
    const s = share(c.singleLong, c.events);
    // A handful of single long answers a member is a person's; the pattern counts beyond that.
    const perMember = share(c.singleLong, c.members);
    return { strength: size * ramp(s, 0.1, 0.4) * ramp(perMember, 10, 60), detail: `${pct(s)} of all the ring's exchanges are single-turn long answers` };
  },
};
