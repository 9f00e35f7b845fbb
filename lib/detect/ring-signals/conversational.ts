import { ramp, share } from '../../features/account-features';
import { beyondHumanVolume, none, nudgedHarvest, pct, type RingSignal } from './ring-signal';

/**
 * Mitigating: the ring holds conversations, at a person's pace. A class or a
 * course asks again, corrects and follows up; a harvester keeps the first
 * answer — or numbers its nudges as follow-ups, each drawing another long
 * answer ("one more, harder"), hundreds a member: conversation at that volume,
 * or whose follow-ups nearly all draw another long answer (a class's draw one
 * in ten, a course's one in two), mitigates nothing; nor does an agent's
 * loop, whose turns are tool results its client sends back.
 */
export const ringConversational: RingSignal = {
  code: 'RING_CONVERSATIONAL',
  evaluate(c) {
    // Only exchanges that say which turn they are can tell; `turn` is optional.
    if (c.withTurn < Math.max(20, c.events * 0.5)) return none;
    const s = share(c.followUps, c.withTurn);
    const longFollowUps = share(Math.max(0, c.longAnswers - c.singleLong), c.followUps);
    // An agent's loop (each turn a tool result the client sends back) is not a person's conversation.
    const agentLoop = ramp(share(c.toolUse, c.events), 0.3, 0.8);
    return {
      strength: ramp(s, 0.15, 0.45) * (1 - beyondHumanVolume(c)) * (1 - nudgedHarvest(c)) * (1 - agentLoop),
      detail:
        `${pct(s)} of the ring's exchanges follow up in a conversation; ${pct(longFollowUps)} of the follow-ups draw another long answer, ` +
        `${pct(share(c.toolUse, c.events))} of the exchanges carry tools`,
    };
  },
};
