import { ramp, share } from '../../features/account-features';
import { longPerMember, none, pct, type RingSignal } from './ring-signal';

/**
 * Mitigating (up to a volume no team reads; see below): the members are one verified organisation — a company's staff
 * share a card, an egress and a client. Only verified accounts count (an org
 * id is self-declared), and a verified shell whose members harvest still
 * shows it in every other ring signal.
 */
export const ringOneOrganisation: RingSignal = {
  code: 'RING_ONE_ORGANISATION',
  evaluate(c) {
    if (c.largestOrganisation < 2) return none;
    const s = share(c.largestOrganisation, c.size);
    // An organisation explains sharing a card, an egress and a client; it does not explain
    // each of its accounts drawing long answers at many times an engineer's or a benchmark's pace.
    const volume = ramp(longPerMember(c), 500, 1000);
    return { strength: ramp(s, 0.5, 0.9) * (1 - volume), detail: `${pct(s)} of members are one verified organisation` };
  },
};
