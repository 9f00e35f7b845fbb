import { LONG_ANSWER, ramp, share } from '../../features/account-features';
import { longPerMember, networkSize, none, num, pct, type RingSignal } from './ring-signal';

/**
 * What the ring took away, in total: long answers to short tasks and visible
 * reasoning, and how many long answers each member drew. Read from the
 * responses, not the prompts, so no wording of the request hides it;
 * diluting each account with chat lowers the shares but not the volume.
 */
export const ringHarvest: RingSignal = {
  code: 'RING_HARVEST',
  evaluate(c) {
    const size = networkSize(c);
    if (size === 0 || c.events === 0) return none;
    const longShare = share(c.longToShort, c.events);
    const reasoningShare = share(c.reasoningTokens, c.outputTokens);
    const pattern = Math.max(ramp(longShare, 0.1, 0.4), ramp(reasoningShare, 0.2, 0.5) * ramp(share(c.reasoningTokens, c.events), 150, 800));
    // The pattern counts once members draw more than a handful of long answers each;
    // volume alone counts from well beyond what a person reads (resold chat dilutes shares, not totals).
    const perMember = longPerMember(c);
    const strength = size * Math.max(pattern * ramp(perMember, 10, 60), ramp(perMember, 60, 250));
    return {
      strength,
      detail:
        `the ring drew ${num(c.outputTokens)} output tokens from ${num(c.events)} exchanges, ${num(perMember)} long answers a member: ` +
        `${pct(longShare)} are long answers (≥ ${LONG_ANSWER} tokens, ≥ 3× the request) to short tasks, ${pct(reasoningShare)} of output is visible reasoning`,
    };
  },
};
