import { ramp, share } from '../../features/account-features';
import { none, pct, type RingSignal } from './ring-signal';

/**
 * Mitigating: the members are one verified organisation — a company's staff
 * share a card, an egress and a client. Only verified accounts count (an org
 * id is self-declared), and a verified shell whose members harvest still
 * shows it in every other ring signal.
 */
export const ringOneOrganisation: RingSignal = {
  code: 'RING_ONE_ORGANISATION',
  evaluate(c) {
    if (c.largestOrganisation < 2) return none;
    const s = share(c.largestOrganisation, c.size);
    return { strength: ramp(s, 0.5, 0.9), detail: `${pct(s)} of members are one verified organisation` };
  },
};
