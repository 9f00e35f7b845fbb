import { LONG_ANSWER, ramp, share } from '../../features/account-features';
import { networkSize, none, num, pct, type RingSignal } from './ring-signal';

/**
 * What the ring took away, in total: long answers to short tasks and visible
 * reasoning. Read from the responses, not the prompts, so no wording of the
 * request hides it; diluting each account with chat only lowers the share.
 */
export const ringHarvest: RingSignal = {
  code: 'RING_HARVEST',
  evaluate(c) {
    const size = networkSize(c);
    if (size === 0 || c.events === 0) return none;
    const longShare = share(c.longToShort, c.events);
    const reasoningShare = share(c.reasoningTokens, c.outputTokens);
    const pattern = Math.max(ramp(longShare, 0.1, 0.4), ramp(reasoningShare, 0.2, 0.5) * ramp(share(c.reasoningTokens, c.events), 150, 800));
    const volume = ramp(c.longAnswers, 30, 300);
    return {
      strength: size * volume * pattern,
      detail:
        `the ring drew ${num(c.outputTokens)} output tokens from ${num(c.events)} exchanges: ` +
        `${pct(longShare)} are long answers (≥ ${LONG_ANSWER} tokens, ≥ 3× the request) to short tasks, ${pct(reasoningShare)} of output is visible reasoning`,
    };
  },
};
