import { ramp, share } from '../../features/account-features';
import { none, pct, type Signal } from './signal';

/** Mitigating: real conversations, with follow-up turns. */
export const conversationDepth: Signal = {
  code: 'CONVERSATION_DEPTH',
  evaluate(f) {
    if (f.n < 4) return none;
    const s = share(f.followUps, f.n);
    return { strength: ramp(s, 0.1, 0.5), detail: `${pct(s)} of exchanges follow up earlier turns of a conversation` };
  },
};
