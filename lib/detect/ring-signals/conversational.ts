import { ramp, share } from '../../features/account-features';
import { beyondHumanVolume, none, pct, type RingSignal } from './ring-signal';

/**
 * Mitigating: the ring holds conversations, at a person's pace. A class or a
 * course asks again, corrects and follows up; a harvester keeps the first
 * answer — or numbers its nudges as follow-ups, each drawing another long
 * answer, hundreds a member: conversation at that volume mitigates nothing.
 */
export const ringConversational: RingSignal = {
  code: 'RING_CONVERSATIONAL',
  evaluate(c) {
    // Only exchanges that say which turn they are can tell; `turn` is optional.
    if (c.withTurn < Math.max(20, c.events * 0.5)) return none;
    const s = share(c.followUps, c.withTurn);
    return { strength: ramp(s, 0.15, 0.45) * (1 - beyondHumanVolume(c)), detail: `${pct(s)} of the ring's exchanges follow up in a conversation` };
  },
};
